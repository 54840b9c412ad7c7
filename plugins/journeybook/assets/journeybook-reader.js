/* journeybook: checklists that remember, in the reader's browser only.
 *
 * Each checkbox carries a key (journey/phase/hash of the item's text); its state is kept in
 * localStorage under the site's own path, so two handbooks on one host do not mix and an
 * edited item starts unticked. Progress lines ("3 of 7 ticked") count the keys they list.
 * Nothing leaves the browser. Without this script the checklists are plain lists.
 */
(function () {
  "use strict";

  function storage() {
    try {
      var probe = "journeybook:probe";
      window.localStorage.setItem(probe, "1");
      window.localStorage.removeItem(probe);
      return window.localStorage;
    } catch (e) {
      return null; // storage switched off: ticks work, but are not remembered
    }
  }

  var store = storage();
  var memory = {};

  // The site's root, from this script's own address (<site>/assets/journeybook/journeybook-reader.js):
  // the same on every page, also after Material's instant navigation has changed the address.
  var SITE = (function () {
    var script = document.currentScript;
    return script && script.src ? new URL("../../", script.src).pathname : "/";
  })();

  function storageKey(root, key) {
    return "journeybook:" + root + ":" + key;
  }

  function isTicked(root, key) {
    var name = storageKey(root, key);
    return store ? store.getItem(name) === "1" : memory[name] === true;
  }

  function setTicked(root, key, ticked) {
    var name = storageKey(root, key);
    if (store) {
      if (ticked) store.setItem(name, "1");
      else store.removeItem(name);
    } else {
      memory[name] = ticked;
    }
  }

  function refresh(scope) {
    var root = SITE;
    scope.querySelectorAll("input.jb-checklist__box[data-jb-key]").forEach(function (box) {
      box.checked = isTicked(root, box.getAttribute("data-jb-key"));
    });
    scope.querySelectorAll("p.jb-progress[data-jb-keys]").forEach(function (line) {
      var keys = line.getAttribute("data-jb-keys").split(" ");
      var done = keys.filter(function (key) { return isTicked(root, key); }).length;
      var text = line.getAttribute("data-jb-text")
        .replace("{done}", String(done))
        .replace("{total}", String(keys.length));
      line.querySelector(".jb-progress__text").textContent = text;
      line.querySelector(".jb-progress__reset").disabled = done === 0;
      line.classList.toggle("jb-progress--complete", done === keys.length);
      line.hidden = false;
    });
  }

  function setup() {
    var scope = document.body;
    if (!scope.querySelector("[data-jb-key], [data-jb-keys]")) return;
    if (!scope.hasAttribute("data-jb-checklists")) {
      scope.setAttribute("data-jb-checklists", "");
      scope.addEventListener("change", function (event) {
        var box = event.target;
        if (!(box instanceof HTMLInputElement) || !box.matches("input.jb-checklist__box[data-jb-key]")) return;
        setTicked(SITE, box.getAttribute("data-jb-key"), box.checked);
        refresh(scope);
      });
      scope.addEventListener("click", function (event) {
        var button = event.target instanceof Element ? event.target.closest(".jb-progress__reset") : null;
        if (!button) return;
        var line = button.closest("p.jb-progress");
        var root = SITE;
        line.getAttribute("data-jb-keys").split(" ").forEach(function (key) { setTicked(root, key, false); });
        refresh(scope);
      });
      window.addEventListener("storage", function () { refresh(scope); }); // another tab ticked something
    }
    refresh(scope);
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(setup); // Material's instant navigation swaps the page without a reload
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
