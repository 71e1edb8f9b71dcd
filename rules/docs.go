package rules

// RepositoryURL is infralint's home page; each rule's docs page lives
// below it, so this is the one place a move of the repository changes.
const RepositoryURL = "https://github.com/infralint/infralint"

// DocsPath is the rule's generated docs page, relative to the repository
// root: docs/rules/<ID>.md.
func (r *Rule) DocsPath() string { return "docs/rules/" + r.ID + ".md" }

// DocsURL is where a reader finds the rule's docs page on the web; SARIF's
// helpUri and `infralint explain` print it. A policy has the URL its
// author gave, or none.
func (r *Rule) DocsURL() string {
	if r.IsPolicy() {
		return r.URL
	}
	return RepositoryURL + "/blob/main/" + r.DocsPath()
}
