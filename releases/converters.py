"""Path converters for release addresses: /data/2026.12.1/ and /cite/position/12.bib."""


class ReleaseNumberConverter:
    regex = r"[0-9]{4}\.[0-9]{1,2}\.[0-9]{1,3}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value) -> str:
        return str(value)


class CitedKindConverter:
    regex = "release|position|country|actor"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value) -> str:
        return str(value)


class CitationFormatConverter:
    regex = "bib|ris|json"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value) -> str:
        return str(value)
