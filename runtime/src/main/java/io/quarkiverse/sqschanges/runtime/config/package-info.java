/**
 * The configuration mappings, each queue's checked settings, and the ranges SQS allows: the bottom of the runtime.
 * It uses only the public API, never another runtime package.
 */
package io.quarkiverse.sqschanges.runtime.config;
