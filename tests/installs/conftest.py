from tests.installs.oauth_helpers import oauth_server

__all__ = ["oauth_server"]
