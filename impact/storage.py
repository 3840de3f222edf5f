"""Object storage whose links go through the app's access check (MEDIA_STORAGE=s3).

S3's own links work for anyone who holds them until they expire; a page that printed one
would hand out the file beyond the rules of `impact.media`. Here every link in a page is the
app's `/media/<name>`, and only after the check does the app redirect to a signed link that
expires within minutes. Imported only when MEDIA_STORAGE=s3 (the `s3` extra).
"""

from django.urls import reverse
from storages.backends.s3 import S3Storage

SIGNED_URL_SECONDS = 300


class GuardedS3Storage(S3Storage):
    def url(self, name, parameters=None, expire=None, http_method=None) -> str:
        return reverse("media", kwargs={"name": name})

    def signed_url(self, name: str) -> str:
        return super().url(name, expire=SIGNED_URL_SECONDS)
