// Package web embeds Rolefit's HTML templates and static files.
package web

import "embed"

// FS holds templates/ and static/.
//
//go:embed templates static
var FS embed.FS
