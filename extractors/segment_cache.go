package extractors

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"math"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unsafe"

	"github.com/go-ego/gse"
	"github.com/vcaesar/cedar"

	"reportfacts/internal/cachedir"
)

// The segmenter's dictionary (gse's 350,000 words and the lexicon in a
// cedar double-array trie) takes over a second to build, once per process.
// Its built form is written to the cache directory (internal/cachedir,
// "segmenter") by the first process and read by the later ones in tens of
// milliseconds: the trie's arrays and the words with their part of speech
// and path length, exactly as built.
//
// gse and cedar keep these in unexported fields, so they are read and set
// through their offsets, after checking (gseFields) that the types hold the
// fields this file was written against: with another version of gse or
// cedar the check fails, the cache is not used and the dictionary is built
// as before. A build that does not record its modules' versions (a test
// binary) does not use the cache. The cache entry's name is a hash of the module versions of gse
// and cedar, the layout, the lexicon words and this format, so a change to
// any of them never reads an entry written before it; the entry holds a
// CRC-32C of its contents, so a damaged entry is detected, reported once,
// and replaced by a newly built one.

// segCacheName is the cache (under cachedir's root) holding the dictionary.
const segCacheName = "segmenter"

// segCacheFormat is the version of the entry's layout below; it changes
// when the layout or what newSegmenter builds changes in a way the key does
// not see.
const segCacheFormat = 2

// segMagic opens an entry; the CRC-32C of the rest follows.
var segMagic = []byte("reportfacts gse\n")

// segHead is the length of the magic and the checksum.
var segHead = len(segMagic) + 4

var segCRC = crc32.MakeTable(crc32.Castagnoli)

// cachedSegmenter returns the segmenter from the cache where it holds one
// for this build, else builds it and writes it there. A cache that cannot
// be used is reported once and never fails the load.
func cachedSegmenter(lx *lexicon) (*gse.Segmenter, error) {
	path, err := segCachePath(lx)
	if err != nil {
		cachedir.Warn("segmenter dictionary", err)
		return newSegmenter(lx)
	}
	data, release, err := cachedir.Map(path)
	switch {
	case err == nil:
		s, err := decodeSegmenter(data)
		if rerr := release(); rerr != nil {
			// What was decoded is copied out of the mapping: a failure to
			// unmap it costs address space, not the result.
			cachedir.Warn("segmenter dictionary", rerr)
		}
		if err == nil {
			if err := cachedir.Used(path); err != nil {
				cachedir.Warn("segmenter dictionary", err)
			}
			return s, nil
		}
		cachedir.Warn("segmenter dictionary", fmt.Errorf("%s: %w (building it again)", path, err))
	case !errors.Is(err, fs.ErrNotExist):
		cachedir.Warn("segmenter dictionary", fmt.Errorf("read %s: %w", path, err))
	}
	s, err := newSegmenter(lx)
	if err != nil {
		return nil, err
	}
	data, err = encodeSegmenter(s)
	if err == nil {
		err = cachedir.WriteFile(filepath.Dir(path), filepath.Base(path), data)
	}
	if err == nil {
		// Entries of other builds unused for a month go.
		err = cachedir.Prune(filepath.Dir(path), "gse-*.bin", filepath.Base(path))
	}
	if err != nil {
		cachedir.Warn("segmenter dictionary", err)
	}
	return s, nil
}

// segCachePath returns the entry's path for this build and lexicon.
func segCachePath(lx *lexicon) (string, error) {
	key, err := segCacheKey(lx)
	if err != nil {
		return "", err
	}
	dir, err := cachedir.Dir(segCacheName)
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "gse-"+key+".bin"), nil
}

// segCacheKey hashes what the built dictionary depends on.
func segCacheKey(lx *lexicon) (string, error) {
	layout, err := gseFields()
	if err != nil {
		return "", err
	}
	h := sha256.New()
	fmt.Fprintf(h, "format %d %s/%s int%d dict %s freq %d\n", segCacheFormat, runtime.GOOS, runtime.GOARCH, strconv.IntSize, gseDict, lexFreq)
	for _, mod := range []string{"github.com/go-ego/gse", "github.com/vcaesar/cedar"} {
		v, err := cachedir.Module(mod)
		if err != nil {
			return "", err
		}
		fmt.Fprintln(h, v)
	}
	h.Write([]byte(layout.signature))
	for _, w := range lexiconWords(lx) {
		fmt.Fprintf(h, "%s\t%s\n", w.text, w.pos)
	}
	return hex.EncodeToString(h.Sum(nil)[:16]), nil
}

// gseLayout holds the offsets of the unexported fields of gse's and
// cedar's types that the cache reads and sets.
type gseLayout struct {
	dictTrie, dictMaxTokenLen, dictTokens, dictTotalFreq uintptr
	tokText, tokFreq, tokPos, tokDistance, tokSegments   uintptr
	tokSize                                              uintptr
	cdArray, cdNInfos, cdBlocks, cdReject                uintptr
	cdHeadFull, cdHeadClosed, cdHeadOpen                 uintptr
	cdCapacity, cdSize, cdOrdered, cdMaxTrial            uintptr
	// signature describes the types, for the cache key.
	signature string
}

var (
	gseLayoutOnce sync.Once
	gseLayoutV    gseLayout
	gseLayoutErr  error
)

// gseFields checks that gse's and cedar's types have the fields, in the
// order and of the types, this file was written against, and returns their
// offsets.
func gseFields() (gseLayout, error) {
	gseLayoutOnce.Do(func() { gseLayoutV, gseLayoutErr = checkGSELayout() })
	return gseLayoutV, gseLayoutErr
}

type wantField struct {
	name string
	typ  reflect.Type
}

func checkGSELayout() (gseLayout, error) {
	intT, byteT := reflect.TypeFor[int](), reflect.TypeFor[uint8]()
	var sig strings.Builder
	offsets := func(t reflect.Type, want ...wantField) ([]uintptr, error) {
		if t.Kind() != reflect.Struct || t.NumField() != len(want) {
			return nil, fmt.Errorf("%s: not the %d fields the segmenter cache knows", t, len(want))
		}
		offs := make([]uintptr, len(want))
		for i, w := range want {
			f := t.Field(i)
			if f.Name != w.name || f.Type != w.typ {
				return nil, fmt.Errorf("%s field %d is %s %s, the segmenter cache knows %s %s", t, i, f.Name, f.Type, w.name, w.typ)
			}
			offs[i] = f.Offset
			fmt.Fprintf(&sig, "%s.%s %s @%d;", t, f.Name, f.Type, f.Offset)
		}
		fmt.Fprintf(&sig, "%s size %d\n", t, t.Size())
		return offs, nil
	}
	// packed reports a struct of n fields of one type laid out as an array
	// of them, so that a slice of it can be read as a slice of that type.
	packed := func(t reflect.Type, offs []uintptr, elem reflect.Type) error {
		for i, o := range offs {
			if o != uintptr(i)*elem.Size() {
				return fmt.Errorf("%s is not packed", t)
			}
		}
		if t.Size() != uintptr(len(offs))*elem.Size() {
			return fmt.Errorf("%s is not packed", t)
		}
		return nil
	}
	var l gseLayout

	nodeT := reflect.TypeFor[cedar.Node]()
	offs, err := offsets(nodeT, wantField{"baseV", intT}, wantField{"check", intT})
	if err != nil {
		return l, err
	}
	if err := packed(nodeT, offs, intT); err != nil {
		return l, err
	}
	ninfoT := reflect.TypeFor[cedar.NInfo]()
	if offs, err = offsets(ninfoT, wantField{"sibling", byteT}, wantField{"child", byteT}); err != nil {
		return l, err
	}
	if err := packed(ninfoT, offs, byteT); err != nil {
		return l, err
	}
	blockT := reflect.TypeFor[cedar.Block]()
	if offs, err = offsets(blockT, wantField{"prev", intT}, wantField{"next", intT}, wantField{"num", intT},
		wantField{"reject", intT}, wantField{"trial", intT}, wantField{"eHead", intT}); err != nil {
		return l, err
	}
	if err := packed(blockT, offs, intT); err != nil {
		return l, err
	}

	offs, err = offsets(reflect.TypeFor[cedar.Cedar](),
		wantField{"Reduced", reflect.TypeFor[bool]()},
		wantField{"array", reflect.TypeFor[[]cedar.Node]()},
		wantField{"nInfos", reflect.TypeFor[[]cedar.NInfo]()},
		wantField{"blocks", reflect.TypeFor[[]cedar.Block]()},
		wantField{"reject", reflect.TypeFor[[257]int]()},
		wantField{"blocksHeadFull", intT},
		wantField{"blocksHeadClosed", intT},
		wantField{"blocksHeadOpen", intT},
		wantField{"capacity", intT},
		wantField{"size", intT},
		wantField{"ordered", reflect.TypeFor[bool]()},
		wantField{"maxTrial", intT})
	if err != nil {
		return l, err
	}
	l.cdArray, l.cdNInfos, l.cdBlocks, l.cdReject = offs[1], offs[2], offs[3], offs[4]
	l.cdHeadFull, l.cdHeadClosed, l.cdHeadOpen = offs[5], offs[6], offs[7]
	l.cdCapacity, l.cdSize, l.cdOrdered, l.cdMaxTrial = offs[8], offs[9], offs[10], offs[11]

	tokT := reflect.TypeFor[gse.Token]()
	offs, err = offsets(tokT,
		wantField{"text", reflect.TypeFor[[]gse.Text]()},
		wantField{"freq", reflect.TypeFor[float64]()},
		wantField{"pos", reflect.TypeFor[string]()},
		wantField{"distance", reflect.TypeFor[float32]()},
		wantField{"segments", reflect.TypeFor[[]*gse.Segment]()})
	if err != nil {
		return l, err
	}
	l.tokText, l.tokFreq, l.tokPos, l.tokDistance, l.tokSegments = offs[0], offs[1], offs[2], offs[3], offs[4]
	l.tokSize = tokT.Size()

	offs, err = offsets(reflect.TypeFor[gse.Dictionary](),
		wantField{"trie", reflect.TypeFor[*cedar.Cedar]()},
		wantField{"maxTokenLen", intT},
		wantField{"Tokens", reflect.TypeFor[[]gse.Token]()},
		wantField{"totalFreq", reflect.TypeFor[float64]()})
	if err != nil {
		return l, err
	}
	l.dictTrie, l.dictMaxTokenLen, l.dictTokens, l.dictTotalFreq = offs[0], offs[1], offs[2], offs[3]
	l.signature = sig.String()
	return l, nil
}

// field returns a pointer to the field at offset off of the struct at p.
func field[T any](p unsafe.Pointer, off uintptr) *T {
	return (*T)(unsafe.Add(p, off))
}

// dropSearchSegments empties every word's sub-segments: gse works them out
// for its search mode (ModeSegment(text, true), ToSlice of search results),
// which the extractors never use, and they hold tens of MB. Without the
// layout check they are left.
func dropSearchSegments(s *gse.Segmenter) {
	l, err := gseFields()
	if err != nil || s.Dict == nil {
		return
	}
	for i := range s.Dict.Tokens {
		*field[[]*gse.Segment](unsafe.Pointer(&s.Dict.Tokens[i]), l.tokSegments) = nil
	}
}

// encodeSegmenter writes the segmenter's dictionary as an entry: the magic,
// the CRC-32C of the payload, and the payload (little-endian): the
// dictionary's maximum word length and total frequency; the part-of-speech
// table; the lengths (varints) and bytes of every word's units (gse's
// characters or Latin runs); per word its frequency, path length, part of
// speech and number of units; the trie's scalars and arrays (32 bits an
// int).
func encodeSegmenter(s *gse.Segmenter) ([]byte, error) {
	l, err := gseFields()
	if err != nil {
		return nil, err
	}
	d := s.Dict
	if d == nil {
		return nil, errors.New("the segmenter has no dictionary")
	}
	dp := unsafe.Pointer(d)
	trie := *field[*cedar.Cedar](dp, l.dictTrie)
	if trie == nil {
		return nil, errors.New("the dictionary has no trie")
	}
	var w segWriter
	w.u64(uint64(*field[int](dp, l.dictMaxTokenLen)))
	w.f64(*field[float64](dp, l.dictTotalFreq))

	posIndex := map[string]uint32{}
	var posList []string
	toks := d.Tokens
	posOf := make([]uint32, len(toks))
	nUnits, nBytes := 0, 0
	for i := range toks {
		tp := unsafe.Pointer(&toks[i])
		pos := *field[string](tp, l.tokPos)
		k, ok := posIndex[pos]
		if !ok {
			k = uint32(len(posList))
			posIndex[pos] = k
			posList = append(posList, pos)
		}
		posOf[i] = k
		for _, u := range *field[[]gse.Text](tp, l.tokText) {
			nUnits++
			nBytes += len(u)
		}
	}
	w.u64(uint64(len(posList)))
	for _, p := range posList {
		w.u64(uint64(len(p)))
		w.buf = append(w.buf, p...)
	}
	w.u64(uint64(nUnits))
	for i := range toks {
		for _, u := range *field[[]gse.Text](unsafe.Pointer(&toks[i]), l.tokText) {
			w.uvarint(uint64(len(u)))
		}
	}
	w.u64(uint64(nBytes))
	for i := range toks {
		for _, u := range *field[[]gse.Text](unsafe.Pointer(&toks[i]), l.tokText) {
			w.buf = append(w.buf, u...)
		}
	}
	w.u64(uint64(len(toks)))
	for i := range toks {
		tp := unsafe.Pointer(&toks[i])
		w.f64(*field[float64](tp, l.tokFreq))
		w.u32(math.Float32bits(*field[float32](tp, l.tokDistance)))
		w.uvarint(uint64(posOf[i]))
		w.uvarint(uint64(len(*field[[]gse.Text](tp, l.tokText))))
	}

	cp := unsafe.Pointer(trie)
	w.bool(trie.Reduced)
	w.bool(*field[bool](cp, l.cdOrdered))
	for _, off := range []uintptr{l.cdHeadFull, l.cdHeadClosed, l.cdHeadOpen, l.cdCapacity, l.cdSize, l.cdMaxTrial} {
		w.u64(uint64(*field[int](cp, off)))
	}
	for _, v := range field[[257]int](cp, l.cdReject) {
		w.u64(uint64(v))
	}
	array := *field[[]cedar.Node](cp, l.cdArray)
	w.u64(uint64(len(array)))
	if err := w.ints32(nodeInts(array)); err != nil {
		return nil, err
	}
	ninfos := *field[[]cedar.NInfo](cp, l.cdNInfos)
	w.u64(uint64(len(ninfos)))
	w.buf = append(w.buf, ninfoBytes(ninfos)...)
	blocks := *field[[]cedar.Block](cp, l.cdBlocks)
	w.u64(uint64(len(blocks)))
	if err := w.ints32(blockInts(blocks)); err != nil {
		return nil, err
	}

	out := make([]byte, 0, segHead+len(w.buf))
	out = append(out, segMagic...)
	out = binary.LittleEndian.AppendUint32(out, crc32.Checksum(w.buf, segCRC))
	return append(out, w.buf...), nil
}

// decodeSegmenter reads an entry encodeSegmenter wrote.
func decodeSegmenter(data []byte) (s *gse.Segmenter, err error) {
	defer func() {
		if r := recover(); r != nil {
			s, err = nil, fmt.Errorf("read cached dictionary: %v", r)
		}
	}()
	l, err := gseFields()
	if err != nil {
		return nil, err
	}
	if !bytes.HasPrefix(data, segMagic) || len(data) < segHead {
		return nil, errors.New("not a cached dictionary")
	}
	payload := data[segHead:]
	if binary.LittleEndian.Uint32(data[len(segMagic):]) != crc32.Checksum(payload, segCRC) {
		return nil, errors.New("damaged (checksum mismatch)")
	}
	r := segReader{buf: payload}
	maxTokenLen := r.int()
	totalFreq := r.f64()
	posList := make([]string, r.count(8))
	for i := range posList {
		posList[i] = string(r.bytes(r.count(1)))
	}
	// The units' lengths, then their bytes: every unit is a slice of one
	// buffer and every word's units a slice of one array, each capped so
	// that an append cannot reach the next.
	nUnits := r.count(1)
	lengths := r.buf
	total := 0
	for range nUnits {
		n := r.uvarint()
		if n > uint64(len(r.buf)) {
			return nil, errors.New("a word unit longer than the entry")
		}
		total += int(n)
	}
	text := bytes.Clone(r.bytes(r.count(1)))
	if r.err != nil {
		return nil, r.err
	}
	if total != len(text) {
		return nil, errors.New("word units do not cover the text")
	}
	texts := make([]gse.Text, nUnits)
	lr := segReader{buf: lengths}
	off := 0
	for i := range texts {
		n := int(lr.uvarint())
		texts[i] = gse.Text(text[off : off+n : off+n])
		off += n
	}

	tokens := make([]gse.Token, r.count(14))
	u := 0
	for i := range tokens {
		freq := r.f64()
		dist := math.Float32frombits(r.u32())
		pos, n := r.uvarint(), r.uvarint()
		if r.err != nil {
			return nil, r.err
		}
		if pos >= uint64(len(posList)) {
			return nil, fmt.Errorf("word %d: part of speech %d of %d", i, pos, len(posList))
		}
		if n == 0 || n > uint64(len(texts)-u) || n > uint64(maxTokenLen) {
			return nil, fmt.Errorf("word %d: %d units", i, n)
		}
		tp := unsafe.Pointer(&tokens[i])
		*field[[]gse.Text](tp, l.tokText) = texts[u : u+int(n) : u+int(n)]
		*field[float64](tp, l.tokFreq) = freq
		*field[string](tp, l.tokPos) = posList[pos]
		*field[float32](tp, l.tokDistance) = dist
		u += int(n)
	}
	if u != len(texts) {
		return nil, errors.New("words do not cover the units")
	}

	trie := new(cedar.Cedar)
	cp := unsafe.Pointer(trie)
	trie.Reduced = r.bool()
	*field[bool](cp, l.cdOrdered) = r.bool()
	for _, off := range []uintptr{l.cdHeadFull, l.cdHeadClosed, l.cdHeadOpen, l.cdCapacity, l.cdSize, l.cdMaxTrial} {
		*field[int](cp, off) = r.int()
	}
	reject := field[[257]int](cp, l.cdReject)
	for i := range reject {
		reject[i] = r.int()
	}
	nNodes := r.count(8)
	array := make([]cedar.Node, nNodes)
	r.ints32Into(nodeInts(array))
	ninfos := make([]cedar.NInfo, r.count(2))
	copy(ninfoBytes(ninfos), r.bytes(2*len(ninfos)))
	blocks := make([]cedar.Block, r.count(24))
	r.ints32Into(blockInts(blocks))
	if r.err != nil {
		return nil, r.err
	}
	if len(r.buf) != 0 {
		return nil, fmt.Errorf("%d bytes after the trie", len(r.buf))
	}
	if len(ninfos) != nNodes || len(blocks) == 0 {
		return nil, fmt.Errorf("trie of %d nodes, %d node infos, %d blocks", nNodes, len(ninfos), len(blocks))
	}
	*field[[]cedar.Node](cp, l.cdArray) = array
	*field[[]cedar.NInfo](cp, l.cdNInfos) = ninfos
	*field[[]cedar.Block](cp, l.cdBlocks) = blocks

	d := new(gse.Dictionary)
	dp := unsafe.Pointer(d)
	*field[*cedar.Cedar](dp, l.dictTrie) = trie
	*field[int](dp, l.dictMaxTokenLen) = maxTokenLen
	*field[float64](dp, l.dictTotalFreq) = totalFreq
	d.Tokens = tokens

	// What LoadDictEmbed sets besides the dictionary (Init: the minimum
	// frequency, the default frequency text, gse's HMM model).
	s = new(gse.Segmenter)
	s.Dict = d
	s.Init()
	return s, nil
}

// nodeInts views trie nodes (base, check) as ints.
func nodeInts(a []cedar.Node) []int {
	if len(a) == 0 {
		return nil
	}
	return unsafe.Slice((*int)(unsafe.Pointer(&a[0])), 2*len(a))
}

// ninfoBytes views node infos (sibling, child) as bytes.
func ninfoBytes(a []cedar.NInfo) []byte {
	if len(a) == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(&a[0])), 2*len(a))
}

// blockInts views trie blocks (six ints each) as ints.
func blockInts(a []cedar.Block) []int {
	if len(a) == 0 {
		return nil
	}
	return unsafe.Slice((*int)(unsafe.Pointer(&a[0])), 6*len(a))
}

// segWriter appends little-endian values.
type segWriter struct{ buf []byte }

func (w *segWriter) u32(v uint32)     { w.buf = binary.LittleEndian.AppendUint32(w.buf, v) }
func (w *segWriter) u64(v uint64)     { w.buf = binary.LittleEndian.AppendUint64(w.buf, v) }
func (w *segWriter) f64(v float64)    { w.u64(math.Float64bits(v)) }
func (w *segWriter) uvarint(v uint64) { w.buf = binary.AppendUvarint(w.buf, v) }
func (w *segWriter) bool(v bool) {
	if v {
		w.buf = append(w.buf, 1)
	} else {
		w.buf = append(w.buf, 0)
	}
}

// ints32 writes ints that fit in 32 bits (the trie's indexes and values:
// cedar notes that they would), as 32 bits.
func (w *segWriter) ints32(v []int) error {
	w.buf = slices.Grow(w.buf, 4*len(v))
	for _, x := range v {
		if x != int(int32(x)) {
			return fmt.Errorf("trie value %d does not fit in 32 bits", x)
		}
		w.buf = binary.LittleEndian.AppendUint32(w.buf, uint32(int32(x)))
	}
	return nil
}

// segReader reads what segWriter wrote; a short entry sets err and reads
// zeros from then on.
type segReader struct {
	buf []byte
	err error
}

func (r *segReader) bytes(n int) []byte {
	if r.err != nil {
		return nil
	}
	if n < 0 || n > len(r.buf) {
		r.err = errors.New("cached dictionary cut short")
		return nil
	}
	b := r.buf[:n:n]
	r.buf = r.buf[n:]
	return b
}

func (r *segReader) u32() uint32 {
	if b := r.bytes(4); b != nil {
		return binary.LittleEndian.Uint32(b)
	}
	return 0
}

func (r *segReader) u64() uint64 {
	if b := r.bytes(8); b != nil {
		return binary.LittleEndian.Uint64(b)
	}
	return 0
}

func (r *segReader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.buf)
	if n <= 0 {
		r.err = errors.New("cached dictionary: a damaged number")
		return 0
	}
	r.buf = r.buf[n:]
	return v
}

func (r *segReader) int() int     { return int(r.u64()) }
func (r *segReader) f64() float64 { return math.Float64frombits(r.u64()) }
func (r *segReader) bool() bool {
	b := r.bytes(1)
	return b != nil && b[0] == 1
}

// count reads a count of items of at least size bytes each, refusing one
// the rest of the entry cannot hold (so that a damaged count allocates
// nothing large).
func (r *segReader) count(size int) int {
	n := r.u64()
	if r.err == nil && n > uint64(len(r.buf)/size) {
		r.err = fmt.Errorf("cached dictionary: count %d past its end", n)
	}
	if r.err != nil {
		return 0
	}
	return int(n)
}

// ints32Into reads len(dst) ints written by ints32.
func (r *segReader) ints32Into(dst []int) {
	b := r.bytes(4 * len(dst))
	if b == nil {
		return
	}
	for i := range dst {
		dst[i] = int(int32(binary.LittleEndian.Uint32(b[4*i:])))
	}
}
