package render

import "strings"

// securitySeverity scores the rules whose findings are security problems,
// for GitHub code scanning, which ranks an alert of a rule tagged
// "security" by its rule's properties["security-severity"]: 9.0 and above
// is critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low. A score says how
// far an attacker gets and from where, the way CVSS weighs attack vector
// and impact:
//
//   - critical: the data store itself is reachable from the internet;
//   - high: traffic an attacker on the internet path can read or change,
//     or a foothold that leads straight to the data;
//   - medium: exposure that needs a position inside the network or the
//     AWS account first, or a weakened but present protection.
//
// Rules absent here (capacity, cost, deploys, suppression hygiene, NET003,
// which is a caller that cannot connect) are not security findings.
var securitySeverity = map[string]string{
	// A publicly accessible database (or one in a public subnet): anyone on
	// the internet can try its credentials and its engine's flaws.
	"NET002": "9.1",
	// The database accepts more than the app tier: any other host, a
	// public-facing one included, reaches the data directly once it is
	// compromised.
	"NET001": "7.5",
	// Plain HTTP on the internet (a public listener, a public server, a
	// CDN): sessions and credentials cross it readable and modifiable by
	// anyone on the path.
	"TLS001": "8.1",
	"TLS006": "8.1",
	"TLS005": "8.1",
	// Database traffic in clear: readable only from inside the network.
	"TLS003": "6.5",
	// TLS 1.0/1.1 allowed: encrypted, but with protocol weaknesses that
	// need an on-path attacker and much effort.
	"TLS002": "5.9",
	// Storage unencrypted at rest: matters to whoever gets the volumes or
	// snapshots, which takes access to the AWS account.
	"TLS004": "5.0",
}

// sarifRuleProperties tags a rule with infralint, its family and, for a
// security rule, "security" with its score.
func sarifRuleProperties(id, family string) sarifProperties {
	p := sarifProperties{Tags: []string{"infralint", strings.ToLower(family)}}
	if score, ok := securitySeverity[id]; ok {
		p.Tags = append(p.Tags, "security")
		p.SecuritySeverity = score
	}
	return p
}
