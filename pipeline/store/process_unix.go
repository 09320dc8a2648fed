//go:build unix

package store

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"syscall"
)

// processExists says whether a process with this ID exists on this host
// and has not ended. Signal 0 checks without sending anything: ESRCH means
// there is none; EPERM means there is one of another user. A process killed
// but not yet reaped by its parent (a zombie, as a shell's background job
// killed with kill -9 is for a while) still answers; where /proc says so,
// it counts as ended.
func processExists(pid int) bool {
	if err := syscall.Kill(pid, 0); err != nil && errors.Is(err, syscall.ESRCH) {
		return false
	}
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return true // no /proc here: signal 0 said it exists
	}
	// pid (comm) state …: comm may hold spaces and parentheses, the state
	// follows the last ')'.
	s := string(stat)
	if i := strings.LastIndexByte(s, ')'); i >= 0 && i+2 < len(s) {
		switch s[i+2] {
		case 'Z', 'X', 'x':
			return false
		}
	}
	return true
}
