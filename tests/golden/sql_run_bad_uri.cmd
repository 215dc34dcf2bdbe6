sql ../../rules/haizhou_2015.mb --run 'postgresql://mb:sekrit-pw@/db?nosuch=1'
