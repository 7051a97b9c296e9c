// Narrows a list of checkboxes (positions/widgets.py CheckList) as one types. Without this script the
// list is plain checkboxes, which submit the same repeated parameters (country=gb&country=fr).
(function () {
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  document.querySelectorAll("[data-check-list]").forEach(function (list) {
    var search = list.querySelector(".check-list-search");
    var input = search && search.querySelector("input");
    var none = list.querySelector(".check-list-none");
    var boxes = list.querySelectorAll(".check-list-options li");
    // A handful of choices is read at a glance; the box earns its place on longer lists.
    if (!input || !none || boxes.length <= 8) return;
    var entries = Array.prototype.map.call(boxes, function (item) {
      var box = item.querySelector("input");
      return { item: item, box: box, text: fold(item.textContent), value: box.value.toLowerCase() };
    });
    function matches(entry, words) {
      return entry.text.indexOf(words) !== -1 || entry.value === words;
    }
    function narrow() {
      var words = fold(input.value).trim();
      var found = 0;
      entries.forEach(function (entry) {
        var match = !words || matches(entry, words);
        if (match) found += 1;
        // What is chosen stays in view, so the list always shows what the form will send.
        entry.item.hidden = !match && !entry.box.checked;
      });
      none.hidden = found > 0;
    }
    input.addEventListener("input", narrow);
    input.addEventListener("keydown", function (event) {
      if (event.key !== "Enter") return;
      // Enter ticks the one match, rather than sending a form whose choice is half made.
      event.preventDefault();
      var words = fold(input.value).trim();
      var left = entries.filter(function (entry) { return words && !entry.box.checked && matches(entry, words); });
      if (left.length === 1) {
        left[0].box.checked = true;
        input.value = "";
        narrow();
      }
    });
    search.hidden = false;
  });
})();
