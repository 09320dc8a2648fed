package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"
)

// A run claims the bytes of a document before it reads them, so that runs
// working at once on one database, in one process or on many machines,
// never read and store the same document together. A claim is a row of the
// claims table (migration 005), taken with INSERT … ON CONFLICT DO NOTHING,
// which both databases decide atomically. It lasts its owner's lease,
// which the owner renews while it runs (Claims.heartbeat); a claim past its
// lease, or one whose owner process is provably gone (it was taken on this
// host by a process that no longer exists, as after kill -9), is taken
// over by the next run that asks.

// DefaultLease is how long a claim lasts without its owner renewing it:
// the longest another run waits for a document whose owner crashed on
// another machine.
const DefaultLease = 30 * time.Second

// Holder is the run holding a claim.
type Holder struct {
	Owner   string // the run's random identity
	Host    string // where it runs (host name and boot)
	PID     int64
	Path    string // the path it claimed the bytes for
	Expires time.Time
}

func (h Holder) String() string {
	host, _, _ := strings.Cut(h.Host, "#")
	return fmt.Sprintf("run %s (pid %d on %s, for %s)", h.Owner, h.PID, host, ShowPath(h.Path))
}

// Claim is the answer to a request for a claim.
type Claim struct {
	Held bool // this run holds the claim now
	// Holder is the run that holds the claim when Held is false; when
	// TookOver is true, the run it was taken over from.
	Holder   Holder
	TookOver bool
}

// Claims are one run's claims on a store: made by Store.StartClaims,
// renewed in the background until Close, which releases them all. Safe
// for concurrent use.
type Claims struct {
	s     *Store
	owner string
	host  string
	pid   int64
	lease time.Duration

	stop chan struct{}
	done chan struct{}
	mu   sync.Mutex
	beat error // the last heartbeat's error, nil once one succeeds
}

// StartClaims starts a run's claims, each lasting lease (DefaultLease if
// zero or less) unless renewed; they are renewed every third of it until
// Close.
func (s *Store) StartClaims(ctx context.Context, lease time.Duration) (*Claims, error) {
	if lease <= 0 {
		lease = DefaultLease
	}
	id := make([]byte, 8)
	if _, err := rand.Read(id); err != nil {
		return nil, fmt.Errorf("start claims: %w", err)
	}
	c := &Claims{s: s, owner: hex.EncodeToString(id), host: thisHost(), pid: int64(os.Getpid()), lease: lease,
		stop: make(chan struct{}), done: make(chan struct{})}
	go c.heartbeat(context.WithoutCancel(ctx))
	return c, nil
}

// Owner is the identity this run's claims carry.
func (c *Claims) Owner() string { return c.owner }

// Lease is how long a claim of this run lasts unless renewed.
func (c *Claims) Lease() time.Duration { return c.lease }

// heartbeat renews the run's claims every third of a lease until Close.
// A renewal that fails is tried again at the next beat; a claim whose
// lease runs out meanwhile may be taken over by another run, which costs
// that run the work again but loses nothing (saves are serialised and the
// same bytes give the same document).
func (c *Claims) heartbeat(ctx context.Context) {
	defer close(c.done)
	tick := time.NewTicker(max(c.lease/3, 10*time.Millisecond))
	defer tick.Stop()
	for {
		select {
		case <-c.stop:
			return
		case <-tick.C:
		}
		err := c.renew(ctx)
		c.mu.Lock()
		c.beat = err
		c.mu.Unlock()
	}
}

func (c *Claims) renew(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, c.lease)
	defer cancel()
	nowMs, err := c.s.clockMs(ctx)
	if err != nil {
		return fmt.Errorf("renew claims: %w", err)
	}
	_, err = c.s.db.ExecContext(ctx, c.s.q(`UPDATE claims SET expires_ms = ? WHERE owner = ?`),
		nowMs+c.lease.Milliseconds(), c.owner)
	if err != nil {
		return fmt.Errorf("renew claims: %w", err)
	}
	return nil
}

// Try claims the bytes sha for path without waiting: the claim is held
// when no run holds it, or when it is taken over from a holder whose lease
// ran out or whose process is gone; otherwise the answer names the holder,
// which may be this run (working on the same bytes under another path).
func (c *Claims) Try(ctx context.Context, sha, path string) (Claim, error) {
	shown := ShowPath(path)
	path = encodePath(path)
	var last Holder
	// The claim can change hands between our insert and our look: try a
	// few times before calling it held by another.
	for range 5 {
		nowMs, err := c.s.clockMs(ctx)
		if err != nil {
			return Claim{}, fmt.Errorf("claim %s: %w", shown, err)
		}
		expires := nowMs + c.lease.Milliseconds()
		res, err := c.s.db.ExecContext(ctx, c.s.q(`INSERT INTO claims (sha256, path, owner, host, pid, claimed_ms, expires_ms)
			VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING`),
			sha, path, c.owner, c.host, c.pid, nowMs, expires)
		if err != nil {
			return Claim{}, fmt.Errorf("claim %s: %w", shown, err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return Claim{}, fmt.Errorf("claim %s: %w", shown, err)
		} else if n == 1 {
			return Claim{Held: true}, nil
		}

		var h struct {
			Owner   string `db:"owner"`
			Host    string `db:"host"`
			PID     int64  `db:"pid"`
			Path    string `db:"path"`
			Expires int64  `db:"expires_ms"`
		}
		err = c.s.db.GetContext(ctx, &h, c.s.q(`SELECT owner, host, pid, path, expires_ms FROM claims WHERE sha256 = ?`), sha)
		if errors.Is(err, sql.ErrNoRows) {
			continue // released since: try again
		}
		if err != nil {
			return Claim{}, fmt.Errorf("claim %s: find its holder: %w", shown, err)
		}
		if err := decodePaths(&h.Path); err != nil {
			return Claim{}, fmt.Errorf("claim %s: find its holder: %w", shown, err)
		}
		last = Holder{Owner: h.Owner, Host: h.Host, PID: h.PID, Path: h.Path, Expires: time.UnixMilli(h.Expires).UTC()}
		if h.Owner == c.owner || (h.Expires >= nowMs && !c.gone(last)) {
			return Claim{Holder: last}, nil
		}
		// Its holder is gone: take it over, unless another run was quicker.
		res, err = c.s.db.ExecContext(ctx, c.s.q(`UPDATE claims SET path = ?, owner = ?, host = ?, pid = ?,
			claimed_ms = ?, expires_ms = ? WHERE sha256 = ? AND owner = ? AND expires_ms = ?`),
			path, c.owner, c.host, c.pid, nowMs, expires, sha, h.Owner, h.Expires)
		if err != nil {
			return Claim{}, fmt.Errorf("claim %s: take over from %s: %w", shown, last, err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return Claim{}, fmt.Errorf("claim %s: take over from %s: %w", shown, last, err)
		} else if n == 1 {
			return Claim{Held: true, TookOver: true, Holder: last}, nil
		}
	}
	return Claim{Holder: last}, nil
}

// Wait claims the bytes sha for path as Try does, waiting while another
// run, or this one for another path, holds them (until it releases them,
// its lease runs out or its process is gone), or until ctx is done.
func (c *Claims) Wait(ctx context.Context, sha, path string) (Claim, error) {
	wait := 20 * time.Millisecond
	for {
		cl, err := c.Try(ctx, sha, path)
		if err != nil || cl.Held {
			return cl, err
		}
		// Look again soon, and no later than just after the lease ends.
		next := wait
		if until := time.Until(cl.Holder.Expires) + 10*time.Millisecond; until > 0 && until < next {
			next = until
		}
		select {
		case <-ctx.Done():
			return Claim{}, fmt.Errorf("wait for %s held by %s: %w", ShowPath(path), cl.Holder, ctx.Err())
		case <-time.After(next):
		}
		wait = min(2*wait, time.Second)
	}
}

// Release gives up this run's claim of the bytes sha, if it holds it.
func (c *Claims) Release(ctx context.Context, sha string) error {
	_, err := c.s.db.ExecContext(ctx, c.s.q(`DELETE FROM claims WHERE sha256 = ? AND owner = ?`), sha, c.owner)
	if err != nil {
		return fmt.Errorf("release claim of %s: %w", sha, err)
	}
	return nil
}

// Close stops renewing the run's claims and releases every one it still
// holds (those of documents a cancelled run left unfinished).
func (c *Claims) Close(ctx context.Context) error {
	select {
	case <-c.stop:
	default:
		close(c.stop)
	}
	<-c.done
	_, err := c.s.db.ExecContext(ctx, c.s.q(`DELETE FROM claims WHERE owner = ?`), c.owner)
	if err == nil {
		return nil
	}
	err = fmt.Errorf("release claims of run %s: %w", c.owner, err)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.beat != nil {
		err = errors.Join(err, fmt.Errorf("last renewal: %w", c.beat))
	}
	return err
}

// gone says whether the holder's process provably no longer exists: it
// ran on this host (same name, same boot) and no process has its ID.
func (c *Claims) gone(h Holder) bool {
	return h.Host == c.host && h.PID > 0 && !processExists(int(h.PID))
}

// thisHost names this machine for claims: its host name and, where the
// system says, the ID of this boot, so that a process ID is only compared
// on the machine and boot it was given on.
func thisHost() string {
	name, err := os.Hostname()
	if err != nil || name == "" {
		name = "unknown"
	}
	if boot, err := os.ReadFile("/proc/sys/kernel/random/boot_id"); err == nil {
		name += "#" + strings.TrimSpace(string(boot))
	}
	return name
}

// clockMs is the time now in milliseconds since 1970, by the clock claims
// are compared with: the server's on PostgreSQL, which every machine
// sharing it sees alike, and this machine's on SQLite, whose file only
// processes of one machine share.
func (s *Store) clockMs(ctx context.Context) (int64, error) {
	if s.driver != DriverPostgres {
		return time.Now().UnixMilli(), nil
	}
	var ms int64
	if err := s.db.GetContext(ctx, &ms, `SELECT (EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::BIGINT`); err != nil {
		return 0, fmt.Errorf("read the database clock: %w", err)
	}
	return ms, nil
}
