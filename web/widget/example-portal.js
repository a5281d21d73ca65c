// The example portal's own script (a file, since its CSP forbids inline script): loads the
// sample on request and turns the widget's events into portal tasks. Text only, no innerHTML.
const era = document.getElementById('era');
const compact = document.getElementById('era-compact');
const log = document.getElementById('portal-log');
const tasks = document.getElementById('tasks');

document.getElementById('load-sample').addEventListener('click', async (event) => {
  event.preventDefault();
  log.textContent = 'Loading the sample…';
  try {
    const response = await fetch(event.currentTarget.getAttribute('href'));
    if (!response.ok) throw new Error(`the sample is not on this server (HTTP ${response.status})`);
    const bytes = await response.arrayBuffer();
    await Promise.all([era.explainFile(bytes, 'sample.835'), compact.explainFile(bytes, 'sample.835')]);
  } catch (error) {
    log.textContent = `Could not load the sample: ${error.message}. Drop an 835 file on the widget instead.`;
  }
});

document.addEventListener('denial-report', (event) => {
  const { summary, files } = event.detail;
  log.textContent = `${event.target.id}: ${files.map((f) => f.name).join(', ')} · ${summary.claims} claims · paid ${summary.total_paid} · denied ${summary.denied_amount}`;
});

document.addEventListener('denial-error', (event) => {
  log.textContent = `${event.target.id}: ${event.detail.code}: ${event.detail.message}`;
});

document.addEventListener('denial-action', (event) => {
  const { row, claim, action } = event.detail;
  const label = claim?.actions?.find((a) => a.action === action)?.label ?? action;
  const item = document.createElement('li');
  item.dataset.action = action;
  item.textContent = `${label} · claim ${row.patient_control_number || row.row + 1} · ${row.payer} · at stake ${row.at_stake}`;
  tasks.append(item);
});
