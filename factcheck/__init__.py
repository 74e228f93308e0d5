"""factcheck: find the checkable claims in a news article and check them."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("newsroom-factcheck")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.1.0"

SCHEMA_VERSION = "1.2.0"
