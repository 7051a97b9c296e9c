// The embed dialog's version choice (templates/positions/_embed_code.html): live or as of a release.
// Without this script every version's code is shown under its own label; with it, the chosen one's only.
(function () {
  document.querySelectorAll("[data-embed-version]").forEach(function (select) {
    var dialog = select.closest(".embed-code");
    var choices = dialog.querySelectorAll("[data-embed-choice]");
    function show() {
      choices.forEach(function (choice) { choice.hidden = choice.dataset.embedChoice !== select.value; });
    }
    select.closest(".embed-version").hidden = false;
    select.addEventListener("change", show);
    show();
  });
})();
