import { LitElement, html, css } from 'lit';
import { JsonRpc } from 'jsonrpc';
import { columnBodyRenderer } from '@vaadin/grid/lit.js';
import '@vaadin/grid';

/**
 * The last changes fired, newest first, with their properties; refreshed every two seconds.
 */
export class QwcSqsChangesChanges extends LitElement {

    jsonRpc = new JsonRpc(this);

    static styles = css`
        :host { display: flex; flex-direction: column; height: 100%; padding: 0 10px; }
        vaadin-grid { height: 100%; }
        .minor { color: var(--lumo-secondary-text-color); font-size: var(--lumo-font-size-xs); }
        pre { margin: 0; font-size: var(--lumo-font-size-s); white-space: pre-wrap; }
    `;

    static properties = {
        _changes: { state: true }
    };

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
        this.jsonRpc.getRecentChanges().then(response => this._changes = response.result);
    }

    render() {
        if (!this._changes) {
            return html`<span>Loading changes...</span>`;
        }
        if (this._changes.length === 0) {
            return html`<p>No change yet. Send a message to a queue (from the Queues page, for example).</p>`;
        }
        return html`
            <vaadin-grid id="changes" .items=${this._changes} theme="no-border row-stripes">
                <vaadin-grid-column header="Fired at" auto-width ${columnBodyRenderer(c => html`
                    <span title=${c.firedAt}>${c.firedAt.substring(11, 19)}</span>`, [])}></vaadin-grid-column>
                <vaadin-grid-column header="Queue" auto-width ${columnBodyRenderer(c => html`
                    <div>${c.queue}</div><div class="minor">codebase ${c.codebase}</div>`, [])}></vaadin-grid-column>
                <vaadin-grid-column header="Properties" flex-grow="1" ${columnBodyRenderer(c => html`
                    <pre>${JSON.stringify(c.properties, null, 2)}</pre>`, [])}></vaadin-grid-column>
                <vaadin-grid-column header="Change" auto-width ${columnBodyRenderer(c => this._fieldsRenderer(c), [])}>
                </vaadin-grid-column>
            </vaadin-grid>`;
    }

    /** The change's own fields when a format or mapper set them; the message id otherwise. */
    _fieldsRenderer(change) {
        return html`
            <div class="minor">message ${change.messageId}</div>
            ${change.revision && change.revision !== change.messageId ? html`<div>revision ${change.revision}</div>` : ''}
            ${change.category ? html`<div>category ${change.category}</div>` : ''}
            ${change.files && change.files.length > 0 ? html`<div>files ${change.files.join(', ')}</div>` : ''}`;
    }
}
customElements.define('qwc-sqs-changes-changes', QwcSqsChangesChanges);
