package pipeline

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"reportfacts/pipeline/source"
	"reportfacts/pipeline/store"
)

// Runs at once on one store, in one process or on many machines, never
// read the same document together: a worker claims a file's bytes in the
// store before it reads them (store.Claims) and releases them once the
// document is saved. A file whose bytes another run holds is put off to
// the end of this run, and then waited for: by then the other run has
// usually stored it, and this run finds it unchanged. So is a file whose
// bytes this run is working on under another path: it becomes a duplicate. A claim left by a
// run that crashed is taken over when its lease runs out, or at once when
// its process is provably gone from this host.

// runClaims is one run's claims and the files it put off.
type runClaims struct {
	cfg    Config
	claims *store.Claims

	mu       sync.Mutex
	deferred []string
	read     map[string]bool // the bytes this run claimed to read
}

func startClaims(ctx context.Context, cfg Config) (*runClaims, error) {
	c, err := cfg.Store.StartClaims(ctx, cfg.ClaimLease)
	if err != nil {
		return nil, err
	}
	return &runClaims{cfg: cfg, claims: c, read: map[string]bool{}}, nil
}

// close releases every claim the run still holds, even when ctx was
// cancelled: claims left behind would make other runs wait a lease.
func (r *runClaims) close(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	return r.claims.Close(ctx)
}

// postpone puts a file another run is working on off to the end.
func (r *runClaims) postpone(path string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.deferred = append(r.deferred, path)
}

// nextPostponed takes a file put off, if any is left. A worker asks only
// once its own share of the queue is done, and a worker that puts a file
// off asks afterwards, so none is left behind.
func (r *runClaims) nextPostponed() (string, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.deferred) == 0 {
		return "", false
	}
	p := r.deferred[0]
	r.deferred = r.deferred[1:]
	return p, true
}

// settle decides what becomes of the file j.path, whose bytes are sha,
// before it is read. It returns true when that is decided without reading
// (j is unchanged, a new path of stored bytes, busy in another run, or has
// an error) and false when this run now holds the claim of the bytes
// (j.claim) and is to read them. With wait, a claim another run holds is
// waited for rather than left (j.busy).
func (r *runClaims) settle(ctx context.Context, j *job, sha string, wait bool) bool {
	if done, err := r.known(ctx, j, sha); err != nil || done {
		j.err = err
		return true
	}
	claim := r.claims.Try
	if wait {
		claim = r.claims.Wait
	}
	cl, err := claim(ctx, sha, j.path)
	if err != nil {
		j.err = err
		if ctx.Err() != nil {
			j.err = ctx.Err()
		}
		return true
	}
	if !cl.Held {
		j.busy = true
		return true
	}
	j.claim = sha
	if cl.TookOver {
		j.tookOver = cl.Holder.String()
	}
	// Another run may have stored the bytes between our look and our claim.
	if done, err := r.known(ctx, j, sha); err != nil || done {
		j.err = errors.Join(err, r.release(ctx, j))
		return true
	}
	r.mu.Lock()
	r.read[sha] = true
	r.mu.Unlock()
	return false
}

// known says whether the bytes sha are stored in a way that needs no
// reading: found and not failed (or failed and cfg.KeepFailed, or failed
// when this run read them already, under another path), and not forced. A
// path new to bytes already stored is recorded as a path of their document
// (j.duplicateOf).
func (r *runClaims) known(ctx context.Context, j *job, sha string) (bool, error) {
	if r.cfg.Force {
		return false, nil
	}
	doc, found, atPath, err := r.cfg.Store.LookupPath(ctx, sha, j.path)
	if err != nil {
		return false, fmt.Errorf("look up %s: %w", j.path, err)
	}
	if !found {
		return false, nil
	}
	if doc.Status == string(source.StatusFailed) && !r.cfg.KeepFailed {
		r.mu.Lock()
		again := r.read[sha]
		r.mu.Unlock()
		if !again {
			return false, nil
		}
	}
	if !atPath {
		stored, ok, err := r.cfg.Store.RecordPath(ctx, sha, j.path)
		if err != nil || !ok { // !ok: replaced since we looked; read it
			return false, err
		}
		doc, j.duplicateOf = stored, stored.Path
	}
	j.unchanged, j.stored = true, &doc
	return true, nil
}

// release gives up the claim j holds, if any. Should that fail, close
// releases it with the run's other claims.
func (r *runClaims) release(ctx context.Context, j *job) error {
	if j.claim == "" {
		return nil
	}
	sha := j.claim
	j.claim = ""
	if ctx.Err() != nil {
		return nil // close releases it
	}
	return r.claims.Release(ctx, sha)
}
