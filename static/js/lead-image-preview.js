// The article form's lead image preview follows the chosen image: after picking
// another one, or adding one in the "+" popup (which selects it and fires "change"
// through django.jQuery), the preview is redrawn from the admin's JSON view.
"use strict";
(function () {
  function preview() {
    return document.querySelector(".lead-image-preview");
  }

  function show(box, data) {
    box.replaceChildren();
    if (!data) {
      const none = document.createElement("span");
      none.className = "lead-image-none";
      none.textContent = "No image yet.";
      box.append(none);
      return;
    }
    const img = document.createElement("img");
    img.src = data.thumbnail;
    img.alt = data.alt;
    img.width = 240;
    box.append(img, document.createElement("br"), data.caption,
      document.createElement("br"), "Photo: " + data.credit);
  }

  function update(select) {
    const box = preview();
    if (!box) {
      return;
    }
    const id = select.value;
    if (!id) {
      show(box, null);
      return;
    }
    const url = box.dataset.previewUrl.replace(/0\/$/, encodeURIComponent(id) + "/");
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then((response) => (response.ok ? response.json() : null))
      .then((data) => show(box, data));
  }

  function start() {
    const select = document.getElementById("id_lead_image");
    if (!select || !preview()) {
      return;
    }
    if (window.django && window.django.jQuery) {
      window.django.jQuery(select).on("change", () => update(select));
    } else {
      select.addEventListener("change", () => update(select));
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
