"""The auth-state cache shared through Redis by two responder processes."""

import pytest

from accounts import PASSWORD, form_token, log_in, sign_up_landlord
from nodes import Node, RedisServer


@pytest.fixture()
def two_nodes(stack, request):
    """Two responders (each behind its own nginx) sharing MariaDB, and Redis when the
    test is parametrised with `shared=True`."""
    redis = RedisServer(stack.root / "redis") if request.param else None
    env = {}
    if redis:
        redis.start()
        env["NYUMBA_REDIS_URL"] = redis.url
    nodes = [Node(stack, f"{name}-{request.param}", **env).start() for name in ("a", "b")]
    yield nodes, redis
    for node in nodes:
        node.stop()
    if redis:
        redis.stop()


def change_password(node, browser, new_password):
    token = form_token(browser, node.url("/account/password"))
    response = browser.post(node.url("/account/password"), data={
        "_csrf": token, "current": PASSWORD, "password": new_password,
        "confirm": new_password}, allow_redirects=False)
    assert response.status_code == 303, response.text[:300]


def signed_in_at(node, browser) -> bool:
    return browser.get(node.url("/account/password"), allow_redirects=False).status_code == 200


@pytest.mark.parametrize("two_nodes", [True], indirect=True)
def test_password_change_on_one_node_signs_the_user_out_on_the_other_at_once(stack, two_nodes):
    (a, b), redis = two_nodes
    _, email = sign_up_landlord(stack)
    other_browser, response = log_in(stack, email)
    assert response.status_code == 303
    # Node B has seen the session: the user is now cached (in Redis).
    assert signed_in_at(b, other_browser)
    user_id = stack.sql(f"SELECT id FROM users WHERE email = '{email}'").strip()
    assert redis.cli("EXISTS", f"nyumba:auth:user:{user_id}") == "1"

    changer, _ = log_in(stack, email)
    change_password(a, changer, "a brand new password")

    assert redis.cli("EXISTS", f"nyumba:auth:user:{user_id}") == "0", "node A invalidated the shared entry"
    assert not signed_in_at(b, other_browser), "node B must not serve the old session from a stale cache"
    assert signed_in_at(a, changer)


@pytest.mark.parametrize("two_nodes", [False], indirect=True)
def test_without_redis_each_process_keeps_its_own_cache(stack, two_nodes):
    """Why NYUMBA_REDIS_URL matters with several processes: without it, node B keeps
    its cached copy (up to 30 s) after a change made through node A."""
    (a, b), _ = two_nodes
    _, email = sign_up_landlord(stack)
    other_browser, _ = log_in(stack, email)
    assert signed_in_at(b, other_browser)
    changer, _ = log_in(stack, email)
    change_password(a, changer, "a brand new password")
    assert signed_in_at(b, other_browser)
