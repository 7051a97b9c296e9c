"""What a browser would submit from a page's form, read from the HTML itself.

Tests that post a form object's data miss what the page does not render (the position change
page once lacked the edit-conflict field while its form class had it). This reads the inputs,
selects and textareas between <form> and </form> as the browser sends them: hidden inputs and
inline formsets' management forms included, unchecked boxes and disabled controls left out.
"""

from html.parser import HTMLParser

NOT_SENT = {"submit", "button", "reset", "image", "file"}


class FormReader(HTMLParser):
    def __init__(self, form_id: str | None):
        super().__init__()
        self.form_id = form_id
        self.in_form = False
        self.found = False
        self.pairs: list[tuple[str, str]] = []
        self.select: dict | None = None
        self.option: dict | None = None
        self.textarea: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and not self.found and (self.form_id is None or attrs.get("id") == self.form_id):
            self.in_form = self.found = True
            return
        if not self.in_form or "disabled" in attrs:
            if tag == "select":
                self.select = None
            return
        if tag == "input":
            kind = (attrs.get("type") or "text").lower()
            name = attrs.get("name")
            if not name or kind in NOT_SENT:
                return
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.pairs.append((name, attrs.get("value") or "on"))
                return
            self.pairs.append((name, attrs.get("value") or ""))
        elif tag == "select" and attrs.get("name"):
            self.select = {"name": attrs["name"], "multiple": "multiple" in attrs, "options": []}
        elif tag == "option" and self.select is not None:
            self.option = {"value": attrs.get("value"), "selected": "selected" in attrs, "text": ""}
            self.select["options"].append(self.option)
        elif tag == "textarea" and attrs.get("name"):
            self.textarea = {"name": attrs["name"], "text": ""}

    def handle_data(self, data):
        if self.option is not None:
            self.option["text"] += data
        if self.textarea is not None:
            self.textarea["text"] += data

    def handle_endtag(self, tag):
        if tag == "form" and self.in_form:
            self.in_form = False
        elif tag == "option":
            self.option = None
        elif tag == "select" and self.select is not None:
            options = self.select["options"]
            chosen = [option for option in options if option["selected"]]
            if not chosen and options and not self.select["multiple"]:
                chosen = options[:1]  # a single select with nothing selected sends its first option
            for option in chosen:
                value = option["value"] if option["value"] is not None else option["text"].strip()
                self.pairs.append((self.select["name"], value))
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            text = self.textarea["text"]
            # Browsers drop one newline right after <textarea> (Django's widget writes one).
            if text.startswith("\r\n"):
                text = text[2:]
            elif text.startswith("\n"):
                text = text[1:]
            self.pairs.append((self.textarea["name"], text.replace("\r\n", "\n")))
            self.textarea = None


def submitted_data(html: str, form_id: str | None = None) -> dict[str, list[str]]:
    """The named form's data (the first form if no id): each name with its values, ready for Client.post."""
    reader = FormReader(form_id)
    reader.feed(html)
    reader.close()
    assert reader.found, f"no form {form_id or ''} on the page"
    data = {}
    for name, value in reader.pairs:
        data.setdefault(name, []).append(value)
    return data


def change_form_data(response) -> dict[str, list[str]]:
    """The admin change form's data from a rendered admin page, as the browser would post it on "Save"."""
    opts = response.context["opts"]
    data = submitted_data(response.content.decode(), f"{opts.model_name}_form")
    data["_save"] = ["Save"]
    return data
