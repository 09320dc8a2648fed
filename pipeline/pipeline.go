// Package pipeline ties the stages of an ingest run together: discover the
// files, read each into a Document, clean its text, extract its facts and
// store it. Stages are goroutines joined by bounded channels; each passes on
// one value per document, and a document that fails a stage goes on to the
// store with its error recorded, so the batch never stops for one bad file.
package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"reportfacts/extractors"
	"reportfacts/pipeline/source"
	"reportfacts/pipeline/store"
)

// Config says how to run an ingest.
type Config struct {
	Store   *store.Store
	Workers int  // documents read and extracted at once; 0 means one per CPU
	Force   bool // re-read documents already stored with the same bytes
	// KeepFailed leaves documents stored as failed as they are; by default
	// a run reads them again (the file, or the reader, may have been fixed).
	KeepFailed bool
	// ClaimLease is how long this run's claims on documents last unless
	// renewed (store.DefaultLease if zero): the longest another run waits
	// for a document this run was reading when it crashed.
	ClaimLease time.Duration
	// Budget bounds the time and the size of each document.
	Budget Budget
	// Progress, when set, is called once per document as it leaves the
	// flow, from a single goroutine.
	Progress func(Progress)
	// Stage, when set, is called as a document enters a stage (StageRead,
	// StageExtract, StageStore), from the goroutine working on it: several
	// at once.
	Stage func(path string, stage Stage)
}

// Stage is a step of a document's way through a run.
type Stage string

// The stages a run reports to Config.Stage.
const (
	StageRead    Stage = "reading"
	StageExtract Stage = "extracting"
	StageStore   Stage = "storing"
)

func (c Config) stage(path string, s Stage) {
	if c.Stage != nil {
		c.Stage(path, s)
	}
}

// Outcome is what became of one file.
type Outcome string

// The outcomes of a file in a run.
const (
	OutcomeNew       Outcome = "new"       // read and stored (any status)
	OutcomeUnchanged Outcome = "unchanged" // already stored with the same bytes
	OutcomeDuplicate Outcome = "duplicate" // its bytes stored under another path; this path recorded too
	OutcomeError     Outcome = "error"     // could not be stored
)

// Result is one file's outcome.
type Result struct {
	Path    string
	Outcome Outcome
	Status  source.Status // as read, or as stored for unchanged and duplicate files
	Engine  string
	Facts   int
	Error   string // the document's recorded reason, or the store error
	Warning string // why an ok document's text may be imperfect
	// CarriedReviews are reviews that followed their fact to new offsets
	// when the document was read again (see store.SaveDocument).
	CarriedReviews []store.CarriedReview
	// OrphanedReviews are the fact keys of reviews whose fact disappeared
	// when the document was read again and that no new fact could take.
	// The reviews are kept.
	OrphanedReviews []string
	DuplicateOf     string // for a duplicate: the path its document was read from
	// Kept is true when the document read failed but a stored ok document
	// with its bytes (or at its path, when the file could not be read) was
	// kept: a run never downgrades an ok document.
	Kept bool
	// TookOver names the run whose claim of the document was taken over
	// (it crashed, or its lease ran out).
	TookOver string
}

// Progress reports a finished file to a progress display.
type Progress struct {
	Done, Total int
	Facts       int // facts stored so far in this run
	Result      Result
}

// Summary counts a run's outcomes. The counts by status (OK to
// Unsupported) are of every file given or found that was stored, new or
// unchanged: Failed counts the documents that are still failed.
type Summary struct {
	Total       int
	New         int
	Unchanged   int
	Duplicates  int // files whose bytes were stored under another path
	OK          int // documents whose text was read
	NoText      int
	Failed      int
	Unsupported int
	Errors      int // documents that could not be stored
	Facts       int
	Bytes       int64 // size of the files read
	Elapsed     time.Duration
	Results     []Result
	// Skipped are the paths given or found that were not read (see
	// Discovery): those that are problems make the run's exit status 3.
	Skipped []Skip
}

// job carries one file through the stages.
type job struct {
	path      string
	doc       *source.Document
	facts     []extractors.Fact
	unchanged bool
	err       error // a failure of the run itself for this file (not of the document)

	stored      *store.DocumentRow // for unchanged files: what is stored
	duplicateOf string             // for a new path of stored bytes: their document's path
	busy        bool               // another run holds the claim of its bytes
	claim       string             // the SHA-256 this run holds the claim of
	tookOver    string             // the holder of a claim taken over
}

// WorkerCount is the number of documents a run with Config.Workers n works
// on at once: n, or one per CPU when n is 0 or less.
func WorkerCount(n int) int {
	if n <= 0 {
		return runtime.NumCPU()
	}
	return n
}

// Run ingests the files named by paths into cfg.Store. It returns an error
// only when the run itself cannot go on (the context was cancelled, the
// files cannot be listed, the store fails); documents that cannot be read
// are recorded with their reason and counted in the summary.
func Run(ctx context.Context, cfg Config, paths []string) (Summary, error) {
	start := time.Now()
	found := DiscoverPaths(paths)
	files := found.Files
	workers := WorkerCount(cfg.Workers)
	claims, err := startClaims(ctx, cfg)
	if err != nil {
		return Summary{}, err
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	queue := make(chan string)
	go func() {
		defer close(queue)
		for _, p := range files {
			select {
			case queue <- p:
			case <-ctx.Done():
				return
			}
		}
	}()

	read := make(chan *job, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			send := func(j *job) bool {
				select {
				case read <- j:
					return true
				case <-ctx.Done():
					return false
				}
			}
			for p := range queue {
				j := readAndExtract(ctx, cfg, claims, p, false)
				if j.busy {
					claims.postpone(p)
				} else if !send(j) {
					return
				}
			}
			for p, ok := claims.nextPostponed(); ok; p, ok = claims.nextPostponed() {
				if !send(readAndExtract(ctx, cfg, claims, p, true)) {
					return
				}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(read)
	}()

	sum := Summary{Total: len(files), Skipped: found.Skipped}
	var runErr error
	for j := range read {
		cfg.stage(j.path, StageStore)
		res := storeJob(ctx, cfg, j)
		if err := claims.release(ctx, j); err != nil && res.Outcome != OutcomeError {
			res.Outcome, res.Error = OutcomeError, err.Error()
		}
		if res.Outcome == OutcomeError && runErr == nil {
			if ctx.Err() != nil {
				runErr = ctx.Err()
			} else {
				runErr = fmt.Errorf("store %s: %s", j.path, res.Error)
			}
			cancel() // the store is the run's spine: stop the others promptly
		}
		sum.add(res, j.doc)
		if cfg.Progress != nil {
			cfg.Progress(Progress{Done: len(sum.Results), Total: sum.Total, Facts: sum.Facts, Result: res})
		}
	}
	sum.Elapsed = time.Since(start)
	if err := claims.close(ctx); err != nil {
		runErr = errors.Join(runErr, err)
	}
	if runErr == nil && ctx.Err() != nil {
		runErr = ctx.Err()
	}
	if runErr == nil && len(sum.Results) < sum.Total {
		runErr = fmt.Errorf("run ended after %d of %d files", len(sum.Results), sum.Total)
	}
	return sum, runErr
}

func (s *Summary) add(r Result, doc *source.Document) {
	s.Results = append(s.Results, r)
	switch r.Outcome {
	case OutcomeUnchanged:
		s.Unchanged++
	case OutcomeDuplicate:
		s.Duplicates++
	case OutcomeError:
		s.Errors++
		return
	default:
		s.New++
		s.Facts += r.Facts
		if doc != nil {
			s.Bytes += doc.Size
		}
	}
	switch r.Status {
	case source.StatusOK:
		s.OK++
	case source.StatusNoText:
		s.NoText++
	case source.StatusFailed:
		s.Failed++
	case source.StatusUnsupported:
		s.Unsupported++
	}
}

// readAndExtract runs the read, clean and extract stages for one file.
// A document that fails to read or extract comes back with Status failed;
// only a failure to open or hash the file, or the run's cancellation,
// comes back as j.err.
func readAndExtract(ctx context.Context, cfg Config, claims *runClaims, path string, wait bool) *job {
	j := &job{path: path}
	data, err := cfg.Budget.readFile(path)
	if err != nil {
		j.doc = &source.Document{Path: path, Format: formatOf(path), Status: source.StatusFailed,
			Error: fmt.Sprintf("cannot read file: %v", err)}
		j.doc.SHA256 = pathSHA(path)
		claims.settle(ctx, j, j.doc.SHA256, wait)
		return j
	}
	sum := sha256.Sum256(data)
	sha := hex.EncodeToString(sum[:])
	if claims.settle(ctx, j, sha, wait) {
		return j
	}
	dctx, cancel := cfg.Budget.context(ctx) // the document's time
	defer cancel()
	cfg.stage(path, StageRead)
	doc, err := source.ReadBytes(dctx, path, data)
	if err != nil && !overTime(ctx, dctx) {
		j.err = fmt.Errorf("read %s: %w", path, err)
		return j
	}
	doc.Path, doc.SHA256, doc.Size = path, sha, int64(len(data))
	j.doc = doc
	if err != nil {
		doc.Pages, doc.Tables = nil, nil
		doc.Status, doc.Error = source.StatusFailed, cfg.Budget.timeoutReason("reading")
		return j
	}
	if doc.Status != source.StatusOK {
		return j
	}
	cfg.stage(path, StageExtract)
	facts, err := cfg.Budget.extract(ctx, dctx, doc)
	if err != nil {
		if ctx.Err() != nil {
			j.err = ctx.Err()
			return j
		}
		doc.Status, doc.Error = source.StatusFailed, err.Error()
		return j
	}
	j.facts = facts
	return j
}

// pathSHA stands in for the content hash of a file that cannot be read, so
// that its failure can still be recorded once per path.
func pathSHA(path string) string { return store.UnreadSHA(path) }

func formatOf(path string) string {
	return strings.TrimPrefix(strings.ToLower(filepath.Ext(path)), ".")
}

// storeJob writes one document and its facts in one transaction.
func storeJob(ctx context.Context, cfg Config, j *job) Result {
	res := Result{Path: j.path}
	switch {
	case j.err != nil:
		res.Outcome, res.Error = OutcomeError, j.err.Error()
		return res
	case j.unchanged:
		res.Outcome = OutcomeUnchanged
		if j.duplicateOf != "" {
			res.Outcome, res.DuplicateOf = OutcomeDuplicate, j.duplicateOf
		}
		if d := j.stored; d != nil {
			res.Status, res.Engine, res.Error, res.Warning = source.Status(d.Status), d.Engine, d.Error, d.Warning
		}
		return res
	}
	res.TookOver = j.tookOver
	saved, err := cfg.Store.SaveDocument(ctx, j.doc, j.facts)
	if errors.Is(err, store.ErrRejected) {
		// Bad data in one document (an extractor bug) fails that document,
		// not the batch: record it without facts, with the reason.
		j.doc.Status, j.doc.Error = source.StatusFailed, fmt.Sprintf("facts rejected by the store: %v", err)
		j.facts = nil
		saved, err = cfg.Store.SaveDocument(ctx, j.doc, nil)
	}
	if err != nil {
		res.Outcome = OutcomeError
		res.Error = fmt.Sprintf("save %s: %v", j.path, err)
		if errors.Is(err, context.Canceled) {
			res.Error = "cancelled before it was saved"
		}
		return res
	}
	res.Outcome = OutcomeNew
	res.Status, res.Engine, res.Error, res.Warning = j.doc.Status, j.doc.Engine, j.doc.Error, j.doc.Warning
	res.Facts = len(j.facts)
	res.CarriedReviews, res.OrphanedReviews = saved.CarriedReviews, saved.OrphanedReviews
	if saved.Kept {
		res.Kept, res.Facts = true, 0
	}
	return res
}
