// The field worker's page: assignments and the checklist kept on the device (IndexedDB), visits
// queued on the device with an idempotency key and sent when there is a connection. A visit is
// removed from the queue only when the server answered it (201, or 200 for a resend).
(function () {
  'use strict';
  const main = document.querySelector('main.field');
  const tenant = main.dataset.tenant;
  const user = main.dataset.user;
  const base = '/ui/tenants/' + tenant + '/lapangan';
  const $ = id => document.getElementById(id);
  let assignments = {checklist: [], proposals: []};
  let current = null;
  let position = null;
  let sending = false;

  function db() {
    return new Promise((resolve, reject) => {
      const open = indexedDB.open('lumbung-lapangan-' + tenant + '-' + user, 1);
      open.onupgradeneeded = () => {
        open.result.createObjectStore('kept');
        open.result.createObjectStore('queue', {keyPath: 'idempotencyKey'});
      };
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
  }

  async function store(name, mode, work) {
    const database = await db();
    return new Promise((resolve, reject) => {
      const transaction = database.transaction(name, mode);
      const result = work(transaction.objectStore(name));
      transaction.oncomplete = () => resolve(result && 'result' in result ? result.result : undefined);
      transaction.onerror = () => reject(transaction.error);
    });
  }

  const keep = (key, value) => store('kept', 'readwrite', s => s.put(value, key));
  const kept = key => store('kept', 'readonly', s => s.get(key));
  const queued = () => store('queue', 'readonly', s => s.getAll());
  const enqueue = visit => store('queue', 'readwrite', s => s.put(visit));
  const dequeue = key => store('queue', 'readwrite', s => s.delete(key));

  function uuid() {
    if (crypto.randomUUID) {
      return crypto.randomUUID();
    }
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = Array.from(b, x => x.toString(16).padStart(2, '0')).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }

  function showError(message) {
    const box = $('field-error');
    box.textContent = message;
    box.hidden = !message;
  }

  async function showQueue() {
    const waiting = await queued();
    const box = $('queue');
    box.hidden = waiting.length === 0;
    box.textContent = waiting.length + ' kunjungan tersimpan di perangkat, menunggu dikirim.';
    $('send-now').hidden = waiting.length === 0;
    $('connection').textContent = navigator.onLine ? 'Tersambung.' : 'Tanpa sinyal: kunjungan disimpan di perangkat.';
  }

  function render() {
    const list = $('assignment-list');
    list.textContent = '';
    assignments.proposals.forEach(proposal => {
      const item = document.createElement('li');
      item.className = 'assignment';
      item.dataset.id = proposal.id;
      const text = document.createElement('span');
      text.textContent = proposal.headName + ' · ' + proposal.address + ' · ' + proposal.receipt;
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'open-form';
      button.textContent = 'Isi formulir';
      button.addEventListener('click', () => openForm(proposal));
      item.append(text, button);
      list.append(item);
    });
    $('assignments-empty').hidden = assignments.proposals.length > 0;
    $('assignments-at').textContent = assignments.at ? 'Daftar diperbarui ' + new Date(assignments.at).toLocaleString('id-ID') : '';
  }

  function openForm(proposal) {
    current = proposal;
    position = null;
    $('visit-title').textContent = 'Verifikasi: ' + proposal.headName;
    $('visit-address').textContent = proposal.address + ' (' + proposal.village + ')';
    const questions = $('questions');
    questions.textContent = '';
    assignments.checklist.forEach(question => {
      const label = document.createElement('label');
      label.htmlFor = 'q-' + question.code;
      label.textContent = question.label;
      let input;
      if (question.kind === 'choice') {
        input = document.createElement('select');
        const empty = document.createElement('option');
        empty.value = '';
        empty.textContent = '— pilih —';
        input.append(empty);
        question.choices.forEach(choice => {
          const option = document.createElement('option');
          option.value = choice.value;
          option.textContent = choice.label;
          input.append(option);
        });
      } else {
        input = document.createElement('input');
        input.type = 'number';
        input.min = '0';
        input.inputMode = 'numeric';
      }
      input.id = 'q-' + question.code;
      input.name = question.code;
      input.required = true;
      questions.append(label, input);
    });
    $('location').textContent = 'Lokasi belum diambil.';
    $('visit-form').hidden = false;
    $('assignments').hidden = true;
  }

  function closeForm() {
    $('visit-form').reset();
    $('visit-form').hidden = true;
    $('assignments').hidden = false;
    current = null;
  }

  // A phone's photo is several megabytes: shrunk on the device to 1280 px, sent as a JPEG.
  function photo() {
    const file = $('photo').files[0];
    if (!file) {
      return Promise.resolve(null);
    }
    return new Promise(resolve => {
      const image = new Image();
      image.onload = () => {
        const scale = Math.min(1, 1280 / Math.max(image.width, image.height));
        const canvas = document.createElement('canvas');
        canvas.width = Math.round(image.width * scale);
        canvas.height = Math.round(image.height * scale);
        canvas.getContext('2d').drawImage(image, 0, 0, canvas.width, canvas.height);
        URL.revokeObjectURL(image.src);
        resolve(canvas.toDataURL('image/jpeg', 0.75));
      };
      image.onerror = () => resolve(null);
      image.src = URL.createObjectURL(file);
    });
  }

  async function save(event) {
    event.preventDefault();
    if (!current) {
      return;
    }
    const answers = {};
    assignments.checklist.forEach(question => {
      answers[question.code] = $('q-' + question.code).value;
    });
    const visit = {
      idempotencyKey: uuid(),
      proposalId: current.id,
      headName: current.headName,
      visitedAt: new Date().toISOString(),
      answers: answers,
      membersPresent: parseInt($('members').value, 10),
      latitude: position ? position.latitude : null,
      longitude: position ? position.longitude : null,
      photoBase64: await photo(),
      note: $('note').value
    };
    await enqueue(visit);
    closeForm();
    await showQueue();
    send();
  }

  function listItem(listId, text) {
    const item = document.createElement('li');
    item.textContent = text;
    $(listId).append(item);
  }

  async function send() {
    if (sending) {
      return;
    }
    sending = true;
    try {
      for (const visit of await queued()) {
        let response;
        try {
          const body = Object.assign({}, visit);
          delete body.proposalId;
          delete body.headName;
          response = await fetch(base + '/kunjungan/' + visit.proposalId, {
            method: 'POST',
            headers: {'Content-Type': 'application/json', 'Accept': 'application/json'},
            body: JSON.stringify(body),
            credentials: 'same-origin'
          });
        } catch (offline) {
          break; // no connection: the visit stays queued
        }
        if (response.status === 200 || response.status === 201) {
          const recorded = await response.json();
          await dequeue(visit.idempotencyKey);
          listItem('sent-list', visit.headName + ': terkirim, desil perkiraan ' + recorded.desil);
        } else if (response.status === 401 || response.status === 302 || response.redirected) {
          showError('Sesi Anda berakhir: masuk kembali, lalu kunjungan yang tersimpan akan dikirim.');
          break;
        } else if (response.status >= 500 || response.status === 429) {
          break; // the server is not ready: try again later
        } else {
          let reason = 'ditolak (' + response.status + ')';
          try {
            const problem = await response.json();
            reason = problem.title + (problem.detail ? ' — ' + problem.detail : '');
          } catch (ignored) {
            // not JSON: the status says enough
          }
          await dequeue(visit.idempotencyKey);
          await keep('refused-' + visit.idempotencyKey, {visit: visit, reason: reason});
          listItem('refused-list', visit.headName + ': ' + reason);
        }
      }
    } finally {
      sending = false;
      await showQueue();
    }
  }

  async function load() {
    try {
      const response = await fetch(base + '/tugas.json', {headers: {'Accept': 'application/json'}, credentials: 'same-origin'});
      if (response.ok && !response.redirected) {
        assignments = await response.json();
        await keep('assignments', assignments);
      } else {
        throw new Error('status ' + response.status);
      }
    } catch (offline) {
      assignments = (await kept('assignments')) || assignments;
    }
    render();
    await showQueue();
    send();
  }

  $('visit-form').addEventListener('submit', save);
  $('cancel-visit').addEventListener('click', closeForm);
  $('send-now').addEventListener('click', send);
  $('locate').addEventListener('click', () => {
    if (!navigator.geolocation) {
      $('location').textContent = 'Perangkat ini tidak mendukung GPS.';
      return;
    }
    $('location').textContent = 'Mengambil lokasi…';
    navigator.geolocation.getCurrentPosition(found => {
      position = found.coords;
      $('location').textContent = 'Lokasi: ' + position.latitude.toFixed(5) + ', ' + position.longitude.toFixed(5);
    }, () => {
      $('location').textContent = 'Lokasi tidak didapat: kunjungan tetap dapat disimpan.';
    }, {enableHighAccuracy: true, timeout: 15000});
  });
  window.addEventListener('online', () => { showQueue(); send(); });
  window.addEventListener('offline', showQueue);
  setInterval(send, 20000);
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/ui/tenants/' + tenant + '/sw-lapangan.js').catch(() => {});
  }
  load();
})();
