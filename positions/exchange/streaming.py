"""Files sent as they are written: a download of any size in flat memory, for the exports and the admin.

Rows are read CHUNK_SIZE at a time (a server-side cursor on PostgreSQL) and each encoded chunk is
sent as soon as it is ready; a reader who leaves closes the stream and stops the query.
"""

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header

CHUNK_SIZE = 2000


def streamed(chunks, content_type: str, file_name: str, head: bool = False) -> HttpResponse | StreamingHttpResponse:
    """The file as a stream; for HEAD, only its headers, without running the query."""
    response: HttpResponse | StreamingHttpResponse
    if head:
        response = HttpResponse(content_type=content_type)
    else:
        encoded = (chunk if isinstance(chunk, bytes) else chunk.encode("utf-8") for chunk in chunks)
        response = StreamingHttpResponse(encoded, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=file_name)
    return response
