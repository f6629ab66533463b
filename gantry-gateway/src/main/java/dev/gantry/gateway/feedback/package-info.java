/**
 * User feedback on answers ({@code POST /v1/feedback}): validated, linked to the rated request's
 * tenant, customer, route and model, stored, and published as an event that metrics, the dashboard
 * and the alerts read.
 */
package dev.gantry.gateway.feedback;
