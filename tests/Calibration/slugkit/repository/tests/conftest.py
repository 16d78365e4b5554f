import pytest


@pytest.fixture
def taken() -> set[str]:
    return {"hello-world", "hello-world-2"}
