from tests.conftest import AppServer


def test_healthz(server: AppServer) -> None:
    reply = server.request("/healthz")
    assert reply.status == 200
    assert '"database": "up"' in reply.body
