sql ../../rules/haizhou_2015.mb --run 'host=/nonexistent/mb-no-server user=mb password=sekrit-pw'
