/* journeybook: every diagram opens full size.
 *
 * A click on a diagram (figure.jb-diagram), or on the button this script puts under it,
 * opens the picture in a dialog over the whole window: zoom in and out (buttons,
 * + and - keys, Ctrl + mouse wheel), back to the starting size (button, 0 key), move around
 * by scrolling, with the arrow keys or by dragging, and close it with Esc or the close
 * button (the focus goes back to where it was). The dialog shows a copy of the inline SVG,
 * so it follows the page's light or dark scheme and loads nothing.
 *
 * Works with Material's instant navigation (document$), and without it. Without this
 * script, or in a browser without <dialog>, the diagrams are just pictures: no button, no
 * zoom pointer, nothing else changes.
 */
(function () {
  "use strict";

  if (typeof window.HTMLDialogElement !== "function") return;

  var LABELS = {
    en: {
      enlarge: "Full size",
      close: "Close",
      zoomIn: "Zoom in",
      zoomOut: "Zoom out",
      reset: "Starting size",
      level: "Zoom level",
      picture: "Diagram, full size",
    },
    nl: {
      enlarge: "Vergroten",
      close: "Sluiten",
      zoomIn: "Inzoomen",
      zoomOut: "Uitzoomen",
      reset: "Beginformaat",
      level: "Zoomniveau",
      picture: "Diagram op volle grootte",
    },
  };
  var STEP = 1.25; // one zoom step
  var MIN_ZOOM = 0.2;
  var MAX_ZOOM = 5;
  var START_MAX = 1.5; // the starting size fills the window's width, up to 1.5 × the natural size
  var PX_PER = { pt: 4 / 3, px: 1, "": 1 };

  function labels() {
    var lang = (document.documentElement.getAttribute("lang") || "en").slice(0, 2).toLowerCase();
    return LABELS[lang] || LABELS.en;
  }

  /* A button with an icon (drawn by journeybook.css, so a figure holds no <svg> but its diagram). */
  function button(className, text) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = className + " jb-zoom-icon";
    b.setAttribute("aria-label", text);
    b.title = text;
    return b;
  }

  /* The natural size of a diagram in CSS px (its width attribute and viewBox), and the
     smallest zoom at which its text is still readable (its inline min-width). */
  function measure(svg) {
    var width = /^([\d.]+)(pt|px)?$/.exec(svg.getAttribute("width") || "");
    var box = (svg.getAttribute("viewBox") || "").trim().split(/[\s,]+/).map(Number);
    var natural = width ? parseFloat(width[1]) * PX_PER[width[2] || ""] : svg.getBoundingClientRect().width;
    var ratio = box.length === 4 && box[2] > 0 ? box[3] / box[2] : 1;
    var least = parseFloat(svg.style.minWidth);
    return {
      width: natural,
      height: natural * ratio,
      readable: least > 0 && natural > 0 ? least / natural : 0.75,
    };
  }

  /* A copy of the picture whose ids (and every reference to them) are its own. */
  function copyOf(svg) {
    var copy = svg.cloneNode(true);
    var prefix = "jb-zoom-";
    var ids = {};
    copy.querySelectorAll("[id]").forEach(function (el) {
      ids[el.id] = true;
      el.id = prefix + el.id;
    });
    var walk = [copy].concat(Array.prototype.slice.call(copy.querySelectorAll("*")));
    walk.forEach(function (el) {
      Array.prototype.slice.call(el.attributes).forEach(function (attr) {
        var value = attr.value;
        var changed = value.replace(/url\(#([^)]+)\)/g, function (all, id) {
          return ids[id] ? "url(#" + prefix + id + ")" : all;
        });
        if ((attr.name === "href" || attr.name === "xlink:href") && value.charAt(0) === "#" && ids[value.slice(1)]) {
          changed = "#" + prefix + value.slice(1);
        }
        if (attr.name === "aria-labelledby" || attr.name === "aria-describedby") {
          changed = value.split(/\s+/).map(function (id) {
            return ids[id] ? prefix + id : id;
          }).join(" ");
        }
        if (changed !== value) el.setAttribute(attr.name, changed);
      });
    });
    copy.removeAttribute("style");
    copy.removeAttribute("height");
    copy.setAttribute("focusable", "false");
    return copy;
  }

  function open(figure, trigger) {
    var svg = figure.querySelector(".jb-diagram-picture > svg");
    if (!svg) return;
    close(); // one at a time
    var text = labels();
    var size = measure(svg);
    var titleNode = svg.querySelector("title");
    var title = titleNode ? titleNode.textContent : text.picture;

    var dialog = document.createElement("dialog");
    dialog.className = "jb-zoom";
    dialog.setAttribute("aria-labelledby", "jb-zoom-heading");

    var bar = document.createElement("div");
    bar.className = "jb-zoom-bar";
    var heading = document.createElement("h2");
    heading.className = "jb-zoom-title";
    heading.id = "jb-zoom-heading";
    heading.textContent = title;
    var out = button("jb-zoom-out", text.zoomOut);
    var level = document.createElement("output");
    level.className = "jb-zoom-level";
    level.setAttribute("aria-label", text.level);
    level.setAttribute("aria-live", "polite");
    var zoomIn = button("jb-zoom-in", text.zoomIn);
    var reset = button("jb-zoom-reset", text.reset);
    var shut = button("jb-zoom-close", text.close);
    var controls = document.createElement("div");
    controls.className = "jb-zoom-controls";
    [out, level, zoomIn, reset, shut].forEach(function (el) {
      controls.appendChild(el);
    });
    bar.appendChild(heading);
    bar.appendChild(controls);

    // the stage carries the figure's classes, so the diagram styles (and colour scheme) apply
    var stage = document.createElement("div");
    stage.className = "jb-zoom-stage " + figure.className.replace(/\bjb-zoomable\b/, "");
    stage.tabIndex = 0;
    stage.setAttribute("role", "group");
    stage.setAttribute("aria-label", title);
    var picture = copyOf(svg);
    stage.appendChild(picture);
    dialog.appendChild(bar);
    dialog.appendChild(stage);
    document.body.appendChild(dialog);

    var zoom = 1;
    function start() {
      var room = stage.clientWidth - 32; // the stage's padding
      var fit = room > 0 ? room / size.width : 1;
      return Math.max(Math.min(fit, START_MAX), Math.min(size.readable, 1));
    }
    function apply(next, anchorX, anchorY) {
      next = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, next));
      // keep the point under the pointer (or the middle of the view) where it is
      var ax = anchorX === undefined ? stage.clientWidth / 2 : anchorX;
      var ay = anchorY === undefined ? stage.clientHeight / 2 : anchorY;
      var fx = (stage.scrollLeft + ax) / Math.max(stage.scrollWidth, 1);
      var fy = (stage.scrollTop + ay) / Math.max(stage.scrollHeight, 1);
      zoom = next;
      picture.style.width = Math.round(size.width * zoom) + "px";
      picture.style.height = Math.round(size.height * zoom) + "px";
      stage.scrollLeft = fx * stage.scrollWidth - ax;
      stage.scrollTop = fy * stage.scrollHeight - ay;
      level.textContent = Math.round(zoom * 100) + " %";
      out.disabled = zoom <= MIN_ZOOM + 1e-9;
      zoomIn.disabled = zoom >= MAX_ZOOM - 1e-9;
    }

    out.addEventListener("click", function () { apply(zoom / STEP); });
    zoomIn.addEventListener("click", function () { apply(zoom * STEP); });
    reset.addEventListener("click", function () {
      apply(start());
      stage.scrollLeft = 0;
      stage.scrollTop = 0;
    });
    shut.addEventListener("click", function () { close(); });
    dialog.addEventListener("cancel", function (event) { // Esc
      event.preventDefault();
      close();
    });
    dialog.addEventListener("keydown", function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.target && event.target.tagName === "BUTTON" && (event.key === " " || event.key === "Enter")) return;
      if (event.key === "+" || event.key === "=") apply(zoom * STEP);
      else if (event.key === "-" || event.key === "_") apply(zoom / STEP);
      else if (event.key === "0") reset.click();
      else return;
      event.preventDefault();
    });
    stage.addEventListener("wheel", function (event) {
      if (!event.ctrlKey && !event.metaKey) return; // a plain wheel scrolls
      event.preventDefault();
      var box = stage.getBoundingClientRect();
      apply(event.deltaY < 0 ? zoom * STEP : zoom / STEP, event.clientX - box.left, event.clientY - box.top);
    }, { passive: false });
    // drag to move around (mouse and pen; touch scrolls natively)
    var drag = null;
    stage.addEventListener("pointerdown", function (event) {
      if (event.pointerType === "touch" || event.button !== 0) return;
      drag = { x: event.clientX, y: event.clientY, left: stage.scrollLeft, top: stage.scrollTop };
      stage.setPointerCapture(event.pointerId);
      stage.classList.add("jb-dragging");
    });
    stage.addEventListener("pointermove", function (event) {
      if (!drag) return;
      stage.scrollLeft = drag.left - (event.clientX - drag.x);
      stage.scrollTop = drag.top - (event.clientY - drag.y);
    });
    function stopDrag() {
      drag = null;
      stage.classList.remove("jb-dragging");
    }
    stage.addEventListener("pointerup", stopDrag);
    stage.addEventListener("pointercancel", stopDrag);

    dialog._jbReturn = trigger || null;
    dialog.showModal();
    apply(start());
    stage.scrollLeft = 0;
    stage.scrollTop = 0;
    stage.focus({ preventScroll: true });
  }

  function close() {
    document.querySelectorAll("dialog.jb-zoom").forEach(function (dialog) {
      var back = dialog._jbReturn;
      if (dialog.open) dialog.close();
      dialog.remove();
      if (back && document.contains(back)) back.focus({ preventScroll: true });
    });
  }

  /* A picture wider than its column scrolls sideways: then it takes the keyboard focus
     (arrow keys scroll it) and is named after its diagram; otherwise it is no tab stop. */
  var watcher = typeof window.ResizeObserver === "function" ? new ResizeObserver(function (entries) {
    entries.forEach(function (entry) { scrollable(entry.target); });
  }) : null;

  function scrollable(picture) {
    var svg = picture.querySelector(":scope > svg");
    var title = svg && svg.querySelector("title");
    if (picture.scrollWidth > picture.clientWidth + 1) {
      picture.tabIndex = 0;
      picture.setAttribute("role", "group");
      if (title && title.id) picture.setAttribute("aria-labelledby", title.id);
    } else {
      picture.removeAttribute("tabindex");
      picture.removeAttribute("role");
      picture.removeAttribute("aria-labelledby");
    }
  }

  function setup() {
    close(); // a dialog left open by instant navigation
    var text = labels();
    document.querySelectorAll("figure.jb-diagram").forEach(function (figure) {
      var picture = figure.querySelector(".jb-diagram-picture");
      var svg = picture && picture.querySelector(":scope > svg");
      if (!svg || figure.classList.contains("jb-zoomable")) return;
      scrollable(picture);
      if (watcher) watcher.observe(picture);
      if (svg.querySelector(".jb-empty")) return; // "no steps yet": nothing to enlarge
      figure.classList.add("jb-zoomable");
      var titleNode = svg.querySelector("title");
      // its name starts with the word it shows (WCAG 2.5.3), then says which diagram
      var trigger = button("jb-zoom-open", text.enlarge + (titleNode ? ": " + titleNode.textContent : ""));
      var word = document.createElement("span");
      word.textContent = text.enlarge;
      trigger.appendChild(word);
      trigger.addEventListener("click", function () { open(figure, trigger); });
      svg.addEventListener("click", function () { open(figure, trigger); });
      // under the picture, right-aligned: it covers nothing of the diagram
      var tools = document.createElement("div");
      tools.className = "jb-diagram-tools";
      tools.appendChild(trigger);
      picture.parentNode.insertBefore(tools, picture.nextSibling);
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setup); // Material: every page, also after instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
