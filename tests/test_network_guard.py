"""The suite-wide guard: a test that opens an internet socket fails (tests/conftest.py)."""

import socket

import pytest


def test_inet_socket_is_refused():
    with pytest.raises(AssertionError, match="network socket"):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)


def test_inet6_socket_is_refused():
    with pytest.raises(AssertionError, match="network socket"):
        socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)


def test_create_connection_is_refused():
    with pytest.raises(AssertionError, match="network socket"):
        socket.create_connection(("127.0.0.1", 9), timeout=0.1)


def test_unix_socket_pairs_still_work():
    a, b = socket.socketpair(socket.AF_UNIX)
    a.sendall(b"x")
    assert b.recv(1) == b"x"
    a.close()
    b.close()
