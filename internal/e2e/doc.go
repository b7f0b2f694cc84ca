// Package e2e owns Rolefit's browser tests: real journeys through the
// running app in headless Chromium (mouse, keyboard only, JavaScript off,
// phone viewport, validation) and axe-core accessibility checks of its pages.
package e2e
