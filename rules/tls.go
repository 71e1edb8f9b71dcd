package rules

import (
	"strings"

	"github.com/infralint/infralint/schema"
)

var ruleTLSPlainListener = &Rule{
	ID:       "TLS001",
	Name:     "public-plain-http",
	Severity: Error,
	Summary:  "An internet-facing listener serves plain HTTP instead of redirecting",
	Docs: `HTTPS encrypts requests and responses with a key exchanged under a
certificate from a trusted authority. A public listener that serves plain
HTTP sends sessions and data in clear text over the internet. Plain HTTP is
only acceptable as a redirect to the HTTPS listener. An HTTPS or TLS listener
also needs its certificate.

Fix: serve on HTTPS with a certificate, and make port 80 redirect_https: true.`,
	Check: func(p *Pass) {
		for _, lb := range p.Stack.OfKind(schema.KindLB) {
			for i, l := range lb.LB.Listeners {
				path := componentPath(lb.Name, "listeners", i)
				switch {
				case l.Encrypted() && l.Certificate == "":
					p.Report(path, "set certificate to the ACM certificate for the public name",
						"load balancer %q: %s listener on port %d has no certificate", lb.Name, l.Protocol, l.Port)
				case lb.LB.InternetFacing && l.Protocol == "HTTP" && !l.RedirectHTTPS:
					p.Report(path, "serve HTTPS and make this listener redirect_https: true",
						"internet-facing load balancer %q serves plain %s on port %d", lb.Name, l.Protocol, l.Port)
				case lb.LB.InternetFacing && l.Protocol == "TCP":
					// A TCP listener cannot redirect: redirect_https does not
					// make it any less plain.
					p.Report(path, `terminate TLS: protocol: "TLS" with a certificate`,
						"internet-facing load balancer %q serves plain %s on port %d", lb.Name, l.Protocol, l.Port)
				}
			}
		}
	},
}

// Modern ELB security policies allow nothing below TLS 1.2; their names
// say so. Older ones (2016-08, TLS-1-0, TLS-1-1, FS-2018-06 …) allow 1.0/1.1.
var modernPolicyMarkers = []string{"TLS13-1-2", "TLS13-1-3", "TLS-1-2", "FS-1-2", "TLS13-1-2-Res"}

var ruleTLSOldPolicy = &Rule{
	ID:       "TLS002",
	Name:     "outdated-tls-policy",
	Severity: Warning,
	Summary:  "A listener's TLS policy allows TLS 1.0 or 1.1",
	Docs: `TLS 1.0 and 1.1 are deprecated (RFC 8996) and fail PCI DSS and most audits.
ELB security policies such as ELBSecurityPolicy-2016-08 still allow them;
the TLS13-1-2 family allows only TLS 1.2 and 1.3.

Fix: tls_policy: "ELBSecurityPolicy-TLS13-1-2-2021-06" (or leave it unset for
the current default).`,
	Check: func(p *Pass) {
		for _, lb := range p.Stack.OfKind(schema.KindLB) {
			for i, l := range lb.LB.Listeners {
				if !l.Encrypted() || l.TLSPolicy == "" || modernPolicy(l.TLSPolicy) {
					continue
				}
				p.Report(componentPath(lb.Name, "listeners", i, "tls_policy"), `use "ELBSecurityPolicy-TLS13-1-2-2021-06"`,
					"load balancer %q: TLS policy %s allows TLS versions below 1.2", lb.Name, l.TLSPolicy)
			}
		}
	},
}

func modernPolicy(name string) bool {
	for _, m := range modernPolicyMarkers {
		if strings.Contains(name, m) {
			return true
		}
	}
	return false
}

var ruleTLSDBTraffic = &Rule{
	ID:       "TLS003",
	Name:     "db-traffic-unencrypted",
	Severity: Warning,
	Summary:  "Traffic to a separate database is not encrypted",
	Docs: `A database on its own server is reached over the network. Without TLS,
queries, results and credentials cross it in clear text, readable by anything
that can see the traffic. A database hosted on the app server is exempt while
only that server's app calls it: its traffic never leaves the machine.

Fix: require_tls: true on the database and tls: true on each call to it.`,
	Check: func(p *Pass) {
		for _, db := range p.Stack.OfKind(schema.KindDatabase) {
			if !reachedOverNetwork(p.Stack, db) {
				continue
			}
			if !db.Database.RequireTLS {
				p.Report(componentPath(db.Name, "require_tls"), "set require_tls: true",
					"database %q accepts unencrypted connections", db.Name)
			}
		}
		for _, c := range p.Stack.OfKind(schema.KindCompute) {
			for i, call := range c.Compute.Calls {
				t := p.Stack.Components[call.Target]
				if t.Kind == schema.KindDatabase && !call.TLS && p.Stack.HostOf(t.Name) != c {
					p.Report(componentPath(c.Name, "calls", i), "set tls: true on the call",
						"%q queries database %q without TLS", c.Name, t.Name)
				}
			}
		}
	},
}

// reachedOverNetwork reports whether connections to db can cross the
// network: it runs on its own, or a tier other than its host calls it.
func reachedOverNetwork(s *schema.Stack, db *schema.Component) bool {
	host := s.HostOf(db.Name)
	if host == nil {
		return true
	}
	for _, c := range s.OfKind(schema.KindCompute) {
		if c == host {
			continue
		}
		for _, call := range c.Compute.Calls {
			if call.Target == db.Name {
				return true
			}
		}
	}
	return false
}

var ruleTLSDBStorage = &Rule{
	ID:       "TLS004",
	Name:     "db-storage-unencrypted",
	Severity: Warning,
	Summary:  "A database's storage is not encrypted at rest",
	Docs: `Unencrypted database storage exposes every row in snapshots, backups and
retired disks. On RDS encryption at rest costs nothing extra and can only be
chosen when the instance is created, so it belongs in the design.

Fix: encrypted_at_rest: true.`,
	Check: func(p *Pass) {
		for _, db := range p.Stack.OfKind(schema.KindDatabase) {
			if !db.Database.EncryptedAtRest {
				p.Report(componentPath(db.Name, "encrypted_at_rest"), "set encrypted_at_rest: true",
					"database %q stores its data unencrypted", db.Name)
			}
		}
	},
}

var ruleTLSCDN = &Rule{
	ID:       "TLS005",
	Name:     "cdn-allows-http",
	Severity: Warning,
	Summary:  "A CDN serves viewers over plain HTTP",
	Docs: `A CDN is the public face of the stack: if it answers plain HTTP, viewers'
requests and cookies travel unencrypted even when the origin is HTTPS-only.

Fix: https_only: true (redirect-to-https viewer policy).`,
	Check: func(p *Pass) {
		for _, c := range p.Stack.OfKind(schema.KindCDN) {
			if !c.CDN.HTTPSOnly {
				p.Report(componentPath(c.Name, "https_only"), "set https_only: true",
					"CDN %q serves viewers over plain HTTP", c.Name)
			}
		}
	},
}

var ruleTLSPublicServer = &Rule{
	ID:       "TLS006",
	Name:     "public-server-plain-http",
	Severity: Error,
	Summary:  "An app server in a public subnet, with no load balancer in front, serves plain HTTP or gRPC",
	Docs: `A server that clients reach directly — a single instance in a public subnet,
no load balancer in front — is the public listener: without a certificate on
the server, requests and responses (sessions, passwords) cross the internet in
clear text. Behind a load balancer the certificate belongs on the load
balancer's listener (TLS001) instead. Only tiers that serve HTTP or gRPC
(compute.serves) are judged: an SSH bastion (serves: "tcp") encrypts its own
sessions, and a jobs consumer or a box that serves nothing has no listener.

Fix: install a certificate on the server and serve HTTPS (tls: true), with
plain HTTP only redirecting; or put an HTTPS load balancer in front.`,
	Check: func(p *Pass) {
		targeted := map[string]bool{}
		for _, c := range behindLB(p.Stack) {
			targeted[c.Name] = true
		}
		for _, c := range p.Stack.OfKind(schema.KindCompute) {
			if c.Subnet != "public" || targeted[c.Name] || c.Compute.TLS || !c.Compute.ServesHTTP() {
				continue
			}
			protocol := "HTTP"
			if c.Compute.Serves == schema.ServesGRPC {
				protocol = "gRPC"
			}
			p.Report(componentPath(c.Name), "set tls: true (a certificate on the server), or put an HTTPS load balancer in front",
				"app server %q is reached from the internet without a load balancer and serves plain %s on port %d", c.Name, protocol, c.Compute.Port)
		}
	},
}
