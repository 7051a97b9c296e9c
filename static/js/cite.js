// "Copy citation": shows the button only where the clipboard can be written; the text box works without it.
(function () {
  if (!navigator.clipboard) return;
  document.querySelectorAll(".cite-copy").forEach(function (button) {
    var target = document.getElementById(button.dataset.copyTarget);
    if (!target) return;
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(target.value).then(function () {
        button.textContent = button.dataset.copiedLabel || "Copied";
        setTimeout(function () { button.textContent = label; }, 2000);
      });
    });
  });
})();
