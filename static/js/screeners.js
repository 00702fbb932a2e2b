/* The screener player: moves the watermark around the video every few seconds, reports how far
   the buyer watched (POST JSON with the CSRF token), and, when a paused video's signed address
   has expired, takes the fresh one the last report gave and goes on where it stopped. */
(function () {
  "use strict";
  var box = document.querySelector("[data-screener-player]");
  if (!box) return;
  var video = box.querySelector("video");
  var mark = box.querySelector("[data-screener-watermark]");
  var progressUrl = box.getAttribute("data-progress-url");
  var csrf = box.getAttribute("data-csrf");
  var furthest = 0;
  var freshUrl = null;
  var REPORT_EVERY = 15000;
  var MOVE_EVERY = 7000;

  function move() {
    if (!mark) return;
    mark.classList.add("is-moved");
    mark.style.top = (5 + Math.random() * 75).toFixed(1) + "%";
    mark.style.left = (3 + Math.random() * 60).toFixed(1) + "%";
  }

  function report() {
    if (!video || !progressUrl) return;
    furthest = Math.max(furthest, video.currentTime || 0);
    var request = new XMLHttpRequest();
    request.open("POST", progressUrl);
    request.setRequestHeader("Content-Type", "application/json");
    request.setRequestHeader("X-CSRFToken", csrf);
    request.onload = function () {
      if (request.status !== 200) return;
      try {
        var answer = JSON.parse(request.responseText);
        if (answer.video_url) freshUrl = answer.video_url;
      } catch (ignored) { /* keep the last address */ }
    };
    request.send(JSON.stringify({ seconds: Math.round(furthest * 10) / 10 }));
  }

  window.setInterval(move, MOVE_EVERY);
  if (!video) return;
  window.setInterval(function () { if (!video.paused) report(); }, REPORT_EVERY);
  video.addEventListener("pause", report);
  video.addEventListener("ended", report);
  video.addEventListener("error", function () {
    if (!freshUrl || video.src.indexOf(freshUrl) !== -1) return;
    var at = video.currentTime || furthest;
    video.src = freshUrl;
    video.addEventListener("loadedmetadata", function resume() {
      video.removeEventListener("loadedmetadata", resume);
      video.currentTime = at;
    });
  });
  window.addEventListener("pagehide", report);
})();
