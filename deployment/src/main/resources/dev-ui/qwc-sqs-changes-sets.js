import { LitElement, html, css } from 'lit';
import { JsonRpc } from 'jsonrpc';
import { columnBodyRenderer } from '@vaadin/grid/lit.js';
import '@vaadin/grid';

/**
 * The change sets being gathered, those due and waiting for the set before them, and those whose observers run;
 * refreshed every second.
 */
export class QwcSqsChangesSets extends LitElement {

    jsonRpc = new JsonRpc(this);

    static styles = css`
        :host { display: flex; flex-direction: column; height: 100%; padding: 0 10px; }
        vaadin-grid { height: 100%; }
        .minor { color: var(--lumo-secondary-text-color); font-size: var(--lumo-font-size-xs); }
    `;

    static properties = {
        _sets: { state: true }
    };

    connectedCallback() {
        super.connectedCallback();
        this._refresh();
        this._timer = setInterval(() => this._refresh(), 1000);
    }

    disconnectedCallback() {
        clearInterval(this._timer);
        super.disconnectedCallback();
    }

    _refresh() {
        this.jsonRpc.getChangeSets().then(response => this._sets = response.result);
    }

    render() {
        if (!this._sets) {
            return html`<span>Loading change sets...</span>`;
        }
        if (this._sets.length === 0) {
            return html`<p>No open change set. A codebase configured under quarkus.sqs-changes.change-sets gathers
                its changes here until it has been quiet for its quiet period.</p>`;
        }
        return html`
            <vaadin-grid id="sets" .items=${this._sets} theme="no-border row-stripes">
                <vaadin-grid-column header="Codebase" path="codebase" auto-width></vaadin-grid-column>
                <vaadin-grid-column header="Changes" path="changes" auto-width></vaadin-grid-column>
                <vaadin-grid-column header="First change" auto-width ${columnBodyRenderer(s => html`
                    <span title=${s.firstChangeAt}>${s.firstChangeAt.substring(11, 19)}</span>
                    <div class="minor">open ${this._seconds(s.openMillis)}</div>`, [])}></vaadin-grid-column>
                <vaadin-grid-column header="State" flex-grow="1" ${columnBodyRenderer(s => this._stateRenderer(s), [])}>
                </vaadin-grid-column>
            </vaadin-grid>`;
    }

    _stateRenderer(set) {
        if (set.state === 'stalled') {
            return html`<span>fired, observers running longer than its handler-timeout: they may hang</span>`;
        }
        if (set.state === 'running') {
            return html`<span>fired, observers running</span>`;
        }
        if (set.state === 'waiting') {
            return html`<span>due, waiting for the set before it</span>`;
        }
        return html`<span>gathering</span>
            <div class="minor">due in ${this._seconds(set.dueInMillis)} unless a change comes</div>`;
    }

    _seconds(millis) {
        return (millis / 1000).toFixed(1) + ' s';
    }
}
customElements.define('qwc-sqs-changes-sets', QwcSqsChangesSets);
