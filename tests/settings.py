"""Settings for the test run: production settings with a throwaway key and plain HTTP."""

import os

os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production-use-0123456789abcdef")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")

from config.settings import *

# Hashing passwords slowly protects real users; in tests it only slows the suite.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Hashed static names need collectstatic; tests use plain names.
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
# Static files come from the finders in tests; no collectstatic run is needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Tests page through the API far faster than a client may; tests/api/test_http.py sets the real default back.
API_RATE_LIMIT = "1000000/minute"

# A stand-in replica for the router's tests: the same test database under a second alias.
# Replica reads stay off (REPLICA_DATABASES is empty) unless a test turns them on.
DATABASES["replica1"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}
# seed_demo loads the seed article alone unless a test asks for the reference record too
# (`seed_demo --record`, tests/record/): most tests are written for the article's few positions.
DEMO_RECORD = False
