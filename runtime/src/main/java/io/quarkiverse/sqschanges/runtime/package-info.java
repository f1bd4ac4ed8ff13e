/**
 * The wiring: the change sources started at startup, the dispatch of changes to observers, the mapper bindings
 * and the cache of events per codebase; it may use every sub-package except observability and devui, which build on it.
 */
package io.quarkiverse.sqschanges.runtime;
