// Filling in a questionnaire (templates/surveys/answer/fill.html). The page works with plain
// form posts; this adds: the draft saved as the person types (debounced), kept on the device
// while there is no connection and sent when it returns, show-if questions toggled live, and
// a submit button that is pressed once.
(() => {
  const form = document.querySelector("form[data-survey-form]");
  if (!form) return;
  const status = form.querySelector("[data-survey-status]");
  const closed = form.dataset.closed === "1";
  const section = form.elements.section ? form.elements.section.value : "";
  const storageKey = `survey-draft:${form.dataset.storageKey}:${section}`;
  const csrf = form.elements.csrfmiddlewaretoken ? form.elements.csrfmiddlewaretoken.value : "";
  const SKIPPED = new Set(["csrfmiddlewaretoken", "action"]);
  let timer = null;
  let sending = false;
  let again = false;

  const say = text => {
    if (status) status.textContent = text;
  };
  const time = date =>
    `${String(date.getHours()).padStart(2, "0")}:${String(date.getMinutes()).padStart(2, "0")}`;

  const storage = {
    read() {
      try {
        return JSON.parse(window.localStorage.getItem(storageKey) || "null");
      } catch {
        return null;
      }
    },
    write(value) {
      try {
        window.localStorage.setItem(storageKey, JSON.stringify(value));
      } catch {
        // Private mode or a full storage: the server's draft is all there is.
      }
    },
    clear() {
      try {
        window.localStorage.removeItem(storageKey);
      } catch {
        // Nothing kept, nothing to clear.
      }
    },
  };

  const fields = () => {
    const entries = [];
    for (const [name, value] of new FormData(form)) {
      if (!SKIPPED.has(name)) entries.push([name, String(value)]);
    }
    return entries;
  };

  // Put stored entries back into the form: radios and checkboxes by value, the rank selects
  // of one name in order, text by name.
  const restore = entries => {
    const byName = new Map();
    for (const [name, value] of entries) {
      if (!byName.has(name)) byName.set(name, []);
      byName.get(name).push(value);
    }
    const names = new Set(
      Array.from(form.elements)
        .map(element => element.name)
        .filter(name => name && !SKIPPED.has(name) && name !== "section"),
    );
    for (const name of names) {
      const values = byName.get(name) || [];
      const elements = Array.from(form.elements).filter(element => element.name === name);
      let position = 0;
      for (const element of elements) {
        if (element.type === "radio" || element.type === "checkbox") {
          element.checked = values.includes(element.value);
        } else {
          element.value = values[position] ?? "";
          position += 1;
        }
      }
    }
  };

  // show-if: a question shown only when an earlier one on this page has one of some values.
  const normal = value => {
    const text = String(value).trim().toLowerCase();
    if (["true", "yes", "да", "1"].includes(text)) return "yes";
    if (["false", "no", "нет", "0"].includes(text)) return "no";
    return text;
  };
  const toggleShowIf = () => {
    const data = new FormData(form);
    for (const question of form.querySelectorAll("[data-show-if]")) {
      const controller = question.dataset.showIf;
      const controllerBlock = form.querySelector(`[data-question="${CSS.escape(controller)}"]`);
      if (!controllerBlock) continue;
      const wanted = question.dataset.showIfValues.split("|").map(normal);
      const chosen = data.getAll(controller).map(normal);
      const shown = !controllerBlock.hidden && chosen.some(value => wanted.includes(value));
      question.hidden = !shown;
    }
  };

  const send = async () => {
    const pending = storage.read();
    if (!pending || closed) return;
    if (sending) {
      again = true;
      return;
    }
    if (!navigator.onLine) {
      say(form.dataset.msgOffline);
      return;
    }
    sending = true;
    say(form.dataset.msgSaving);
    const body = new URLSearchParams();
    body.append("section", pending.section);
    for (const [name, value] of pending.fields) body.append(name, value);
    try {
      const response = await fetch(form.dataset.draftUrl, {
        method: "POST",
        body,
        credentials: "same-origin",
        headers: {"X-CSRFToken": csrf, Accept: "application/json"},
      });
      const answer = await response.json().catch(() => ({}));
      if (response.ok) {
        const current = storage.read();
        if (current && current.changedAt === pending.changedAt) storage.clear();
        say(`${form.dataset.msgSaved} ${time(new Date(answer.saved_at || Date.now()))}`);
      } else {
        say(answer.error || form.dataset.msgRefused);
      }
    } catch {
      say(form.dataset.msgOffline);
    } finally {
      sending = false;
      if (again) {
        again = false;
        send();
      }
    }
  };

  const changed = () => {
    toggleShowIf();
    if (closed) return;
    storage.write({section, fields: fields(), changedAt: Date.now()});
    if (!navigator.onLine) {
      say(form.dataset.msgOffline);
      return;
    }
    window.clearTimeout(timer);
    timer = window.setTimeout(send, 800);
  };

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  window.addEventListener("online", send);
  window.addEventListener("offline", () => {
    if (storage.read()) say(form.dataset.msgOffline);
  });

  form.addEventListener("submit", event => {
    const submitter = event.submitter;
    window.clearTimeout(timer);
    if (!navigator.onLine && !closed) {
      // Posting now would only show the browser's error page: keep the answers here instead.
      event.preventDefault();
      storage.write({section, fields: fields(), changedAt: Date.now()});
      say(form.dataset.msgOffline);
      return;
    }
    if (submitter && submitter.hasAttribute("data-submit-once")) {
      if (form.dataset.sent) {
        event.preventDefault();
        return;
      }
      form.dataset.sent = "1";
      // The clicked button's name is sent only while it is enabled: carry it in a field.
      const action = document.createElement("input");
      action.type = "hidden";
      action.name = submitter.name;
      action.value = submitter.value;
      form.append(action);
      window.setTimeout(() => {
        submitter.disabled = true;
        submitter.textContent = form.dataset.msgSending;
      }, 0);
    }
  });

  // On load the page shows the server's draft; what this device changed later and could not
  // send yet goes on top of it, and is sent now.
  const pending = storage.read();
  const savedAt = form.dataset.savedAt ? Date.parse(form.dataset.savedAt) : 0;
  if (pending && !closed) {
    if (pending.changedAt > savedAt) {
      restore(pending.fields);
      send();
    } else {
      storage.clear();
    }
  }
  toggleShowIf();
})();
