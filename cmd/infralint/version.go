package main

import "runtime/debug"

// version is set at link time (-ldflags "-X main.version=v1.2.3"); else
// the module version go install recorded, else "dev".
var version = ""

func toolVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}
