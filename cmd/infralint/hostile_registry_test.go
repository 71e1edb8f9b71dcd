package main

import (
	"bufio"
	"net"
	"strings"
	"sync"

	"github.com/rogpeppe/go-internal/testscript"
)

// fakeRegistry counts what reaches a listener that a case sets as the CUE
// registry: a loader that resolves module dependencies would send it a
// request (GET /v2/<module>/manifests/<version>).
type fakeRegistry struct {
	mu       sync.Mutex
	contacts []string // the first line each connection sent, or "" for none
}

func (r *fakeRegistry) serve(l net.Listener) {
	for {
		c, err := l.Accept()
		if err != nil {
			return // closed at the end of the case
		}
		line, _ := bufio.NewReader(c).ReadString('\n')
		c.Close()
		r.mu.Lock()
		r.contacts = append(r.contacts, strings.TrimSpace(line))
		r.mu.Unlock()
	}
}

func init() {
	registries := map[*testscript.TestScript]*fakeRegistry{}
	var mu sync.Mutex
	// fake-registry: a listener on a local port, set as CUE_REGISTRY (and
	// CUE_REGISTRY's fallbacks are unset), for registry-untouched to read.
	hostileCommands["fake-registry"] = func(ts *testscript.TestScript, neg bool, args []string) {
		if neg || len(args) != 0 {
			ts.Fatalf("usage: fake-registry")
		}
		l, err := net.Listen("tcp", "127.0.0.1:0")
		ts.Check(err)
		r := &fakeRegistry{}
		go r.serve(l)
		ts.Defer(func() { l.Close() })
		mu.Lock()
		registries[ts] = r
		mu.Unlock()
		ts.Setenv("CUE_REGISTRY", l.Addr().String()+"+insecure")
	}
	// registry-untouched: nothing connected to the case's fake registry.
	hostileCommands["registry-untouched"] = func(ts *testscript.TestScript, neg bool, args []string) {
		mu.Lock()
		r := registries[ts]
		mu.Unlock()
		if r == nil || len(args) != 0 {
			ts.Fatalf("usage: fake-registry first, then registry-untouched")
		}
		r.mu.Lock()
		contacts := append([]string(nil), r.contacts...)
		r.mu.Unlock()
		if (len(contacts) == 0) == neg {
			ts.Fatalf("the registry received %d connections: %q", len(contacts), contacts)
		}
	}
}
