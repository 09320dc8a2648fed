//go:build unix

package store

import (
	"errors"
	"syscall"
)

// processExists says whether a process with this ID exists on this host.
// Signal 0 checks without sending anything: ESRCH means there is none;
// EPERM means there is one of another user.
func processExists(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || !errors.Is(err, syscall.ESRCH)
}
