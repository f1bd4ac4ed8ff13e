import { LitElement, html, css } from 'lit';
import { JsonRpc } from 'jsonrpc';
import { notifier } from 'notifier';
import { columnBodyRenderer } from '@vaadin/grid/lit.js';
import '@vaadin/grid';
import '@vaadin/button';
import '@vaadin/icon';
import '@vaadin/combo-box';
import '@vaadin/text-area';

/**
 * The configured queues with their state and counts (refreshed every two seconds), pause / resume / poll-now per
 * queue, and a form that sends a test message.
 */
export class QwcSqsChangesQueues extends LitElement {

    jsonRpc = new JsonRpc(this);

    static styles = css`
        :host { display: flex; flex-direction: column; gap: 12px; height: 100%; padding: 0 10px; }
        vaadin-grid { flex: none; }
        .url { color: var(--lumo-secondary-text-color); font-size: var(--lumo-font-size-xs); }
        .send { display: flex; gap: 10px; align-items: flex-end; }
        .send vaadin-text-area { flex: 1; }
        .state-POLLING { color: var(--lumo-success-text-color); }
        .state-FAILING { color: var(--lumo-error-text-color); }
        .state-STALLED { color: var(--lumo-error-text-color); }
        .state-PAUSED, .state-DISABLED, .state-STOPPED { color: var(--lumo-secondary-text-color); }
        .error { color: var(--lumo-error-text-color); font-size: var(--lumo-font-size-s); }
    `;

    static properties = {
        _queues: { state: true },
        _target: { state: true },
        _body: { state: true }
    };

    constructor() {
        super();
        this._queues = null;
        this._target = null;
        this._body = '';
    }

    connectedCallback() {
        super.connectedCallback();
        this._refresh();
        this._timer = setInterval(() => this._refresh(), 2000);
    }

    disconnectedCallback() {
        clearInterval(this._timer);
        super.disconnectedCallback();
    }

    _refresh() {
        this.jsonRpc.getQueues().then(response => {
            this._queues = response.result;
            if (!this._target && this._queues.length > 0) {
                this._target = this._queues.find(q => q.state !== 'DISABLED')?.name ?? null;
            }
        });
    }

    render() {
        if (!this._queues) {
            return html`<span>Loading queues...</span>`;
        }
        return html`
            <vaadin-grid id="queues" .items=${this._queues} theme="no-border row-stripes" all-rows-visible>
                <vaadin-grid-column header="Queue" auto-width ${columnBodyRenderer(q => this._nameRenderer(q), [])}></vaadin-grid-column>
                <vaadin-grid-column header="Codebase" path="codebase" auto-width></vaadin-grid-column>
                <vaadin-grid-column header="Format" path="format" auto-width></vaadin-grid-column>
                <vaadin-grid-column header="Mapper" auto-width ${columnBodyRenderer(q => this._mapperRenderer(q), [])}></vaadin-grid-column>
                <vaadin-grid-column header="State" auto-width ${columnBodyRenderer(q => this._stateRenderer(q), [])}></vaadin-grid-column>
                <vaadin-grid-column header="Received" path="received" auto-width text-align="end"></vaadin-grid-column>
                <vaadin-grid-column header="Changes" path="changesFired" auto-width text-align="end"></vaadin-grid-column>
                <vaadin-grid-column header="Deleted" path="deleted" auto-width text-align="end"></vaadin-grid-column>
                <vaadin-grid-column header="Failed" path="failed" auto-width text-align="end"></vaadin-grid-column>
                <vaadin-grid-column header="" auto-width ${columnBodyRenderer(q => this._actionsRenderer(q), [])}></vaadin-grid-column>
            </vaadin-grid>
            <div class="send">
                <vaadin-combo-box id="target" label="Send a test message to" .items=${this._queues.filter(q => q.state !== 'DISABLED').map(q => q.name)}
                    .value=${this._target ?? ''} @value-changed=${e => this._target = e.detail.value}></vaadin-combo-box>
                <vaadin-text-area id="body" label="Body" placeholder='action build  or  {"foo": "bar"}' .value=${this._body}
                    @value-changed=${e => this._body = e.detail.value}></vaadin-text-area>
                <vaadin-button id="send" theme="primary" ?disabled=${!this._target} @click=${() => this._send()}>
                    <vaadin-icon icon="font-awesome-solid:paper-plane" slot="prefix"></vaadin-icon> Send
                </vaadin-button>
            </div>`;
    }

    _nameRenderer(queue) {
        return html`<div><strong>${queue.name}</strong></div><div class="url">${queue.url ?? queue.queueName ?? ''}</div>`;
    }

    _mapperRenderer(queue) {
        if (!queue.mapper) {
            return html``;
        }
        return html`<code title=${queue.mapper}>${queue.mapper.substring(queue.mapper.lastIndexOf('.') + 1)}</code>`;
    }

    _stateRenderer(queue) {
        return html`<span class="state-${queue.state}">${queue.state.toLowerCase()}</span>
            ${queue.lastError ? html`<div class="error">${queue.lastError}</div>` : ''}`;
    }

    _actionsRenderer(queue) {
        if (queue.state === 'DISABLED' || queue.state === 'STOPPED') {
            return html``;
        }
        const paused = queue.state === 'PAUSED';
        return html`
            <vaadin-button theme="small tertiary icon" title=${paused ? 'Resume polling' : 'Pause polling'}
                @click=${() => this._act(paused ? 'resume' : 'pause', queue.name)}>
                <vaadin-icon icon=${paused ? 'font-awesome-solid:play' : 'font-awesome-solid:pause'}></vaadin-icon>
            </vaadin-button>
            <vaadin-button theme="small tertiary icon" title="Poll now" ?disabled=${paused}
                @click=${() => this._act('pollNow', queue.name)}>
                <vaadin-icon icon="font-awesome-solid:rotate"></vaadin-icon>
            </vaadin-button>`;
    }

    _act(method, queue) {
        this.jsonRpc[method]({ queue }).then(response => this._report(response.result));
    }

    _send() {
        this.jsonRpc.sendMessage({ queue: this._target, body: this._body }).then(response => {
            this._report(response.result);
            if (response.result.success) {
                this._body = '';
            }
        });
    }

    _report(result) {
        if (result.success) {
            notifier.showSuccessMessage(result.message);
        } else {
            notifier.showErrorMessage(result.message);
        }
        this._refresh();
    }
}
customElements.define('qwc-sqs-changes-queues', QwcSqsChangesQueues);
