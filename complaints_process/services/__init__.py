"""The domain's service functions: the only way in for the admin, the API, commands and the worker."""
