test ../hostile
