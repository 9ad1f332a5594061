"""What the load test and the smoke test need to log in as a browser behind the TLS proxy:
a TOTP code from a device's key (RFC 6238, as django-otp checks it) and a cookie policy that
sends the Secure session cookie over the loopback's plain HTTP. Standard library only."""
import hashlib
import hmac
import struct
import time
from http.cookiejar import DefaultCookiePolicy


def totp(key_hex: str, at: float | None = None) -> str:
    counter = int((at or time.time()) // 30)
    digest = hmac.new(bytes.fromhex(key_hex), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = (struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000
    return f"{code:06d}"


def send_secure_cookies_over_plain_http() -> None:
    """The session and CSRF cookies are Secure (production); the load balancer in front speaks
    HTTPS, the test plain HTTP on the loopback: send the Secure cookies anyway. For the test
    client's own process only (requests builds a fresh cookie jar per request, so the policy is
    changed for every jar of this process)."""
    DefaultCookiePolicy.return_ok_secure = lambda self, cookie, request: True
