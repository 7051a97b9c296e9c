"""Request limits shared by every app process: atomic counts in the database, keyed by client."""
