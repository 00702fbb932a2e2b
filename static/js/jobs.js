// A background job's page follows the job: it asks the job's API address every second and
// moves the bar; once the job has finished it reloads, so the server shows the outcome.
document.addEventListener("DOMContentLoaded", () => {
  const job = document.querySelector("[data-job]");
  if (!job || job.dataset.jobFinished === "true") {
    return;
  }
  const bar = job.querySelector("[data-job-progress]");
  const percent = job.querySelector("[data-job-percent]");
  const status = job.querySelector("[data-job-status]");
  const message = job.querySelector("[data-job-message]");
  const follow = async () => {
    let data;
    try {
      const response = await fetch(job.dataset.jobStatusUrl, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      if (!response.ok) {
        throw new Error(String(response.status));
      }
      data = await response.json();
    } catch (error) {
      window.setTimeout(follow, 5000); // the server is busy or away: ask again later
      return;
    }
    bar.value = data.percent;
    bar.textContent = `${data.percent}%`;
    percent.textContent = `${data.percent}%`;
    status.textContent = data.status_display;
    message.textContent = data.message;
    if (data.finished) {
      window.location.reload();
    } else {
      window.setTimeout(follow, 1000);
    }
  };
  window.setTimeout(follow, 500);
});
