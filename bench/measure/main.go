// Command measure runs a command once with its output discarded and prints
// "wall_s cpu_s peak_rss_kib exit_code" for bench/run.sh. CPU is user +
// system time of the process and its children, and peak RSS is the kernel's
// ru_maxrss, both from wait4 as GNU time reads them; measure exists because
// GNU time prints 10 ms steps, half of what `cue vet` takes on a small stack.
package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"syscall"
	"time"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: measure COMMAND [ARG...]")
		os.Exit(2)
	}
	cmd := exec.Command(os.Args[1], os.Args[2:]...)
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		fmt.Fprintln(os.Stderr, "measure:", err)
		os.Exit(2)
	}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	fmt.Printf("%.6f %.6f %d %d\n", wall.Seconds(), cpu.Seconds(), ru.Maxrss, cmd.ProcessState.ExitCode())
}
