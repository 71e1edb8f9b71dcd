package catalog

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// Keys of the prices that have no instance type in them.
const (
	ALBHour           = "alb/hour"
	ALBLCUHour        = "alb/lcu-hour"
	NLBHour           = "nlb/hour"
	NLBNLCUHour       = "nlb/nlcu-hour"
	NATHour           = "nat/hour"
	NATGB             = "nat/gb"
	EBSGP3GBMonth     = "ebs/gp3/gb-month"
	EBSGP3IOPSMonth   = "ebs/gp3/iops-month" // provisioned IOPS above the free 3,000
	EBSGP3MBpsMonth   = "ebs/gp3/mbps-month" // provisioned throughput above the free 125 MB/s
	S3StandardGBMonth = "s3/standard/gb-month"
	// PublicIPv4Hour is one public IPv4 address in use for an hour.
	PublicIPv4Hour = "public-ipv4/hour"
	// InterAZGB is a GB crossing availability zones, billed on each side:
	// once leaving one zone and once entering the other.
	InterAZGB = "inter-az/gb"
	// AuroraStorageGBMonth is Aurora (standard) cluster storage; AuroraIO
	// its I/O requests, which the snapshot has no price for.
	AuroraStorageGBMonth = "aurora/storage/gb-month"
	AuroraIOMillion      = "aurora/io/million-requests"
	// SQSMillionRequests is a standard queue's price per million API
	// requests. The snapshot has none: a queue's cost is reported missing
	// until a price file supplies it.
	SQSMillionRequests = "sqs/million-requests"
)

// EgressTiers are the internet egress tiers of AWS's data-transfer price
// list, in order, with the GB a month each spans (TB = 1,024 GB, as AWS
// bills); the last is unbounded (0).
var EgressTiers = []Tier{
	{"first-10tb", 10 * 1024}, {"next-40tb", 40 * 1024}, {"next-100tb", 100 * 1024}, {"over-150tb", 0},
}

// CloudFrontTiers are CloudFront's data-transfer tiers, per viewer
// geography, in the same form.
var CloudFrontTiers = []Tier{
	{"first-10tb", 10 * 1024}, {"next-40tb", 40 * 1024}, {"next-100tb", 100 * 1024},
	{"next-350tb", 350 * 1024}, {"next-524tb", 524 * 1024}, {"next-4pb", 4 * 1024 * 1024}, {"over-5pb", 0},
}

// A Tier is one step of a tiered per-GB price: its key segment and the GB a
// month it spans (0: the rest).
type Tier struct {
	Name string
	GB   float64
}

// EgressKey returns the key of an internet egress tier's GB price, e.g.
// EgressKey("first-10tb") = "egress/first-10tb/gb".
func EgressKey(tier string) string { return "egress/" + tier + "/gb" }

// CloudFront viewer geographies: the groups AWS prices CloudFront's data
// transfer by (its pricing page's columns).
var CloudFrontGeographies = []string{
	"us-mexico-canada", "europe-israel-turkiye", "africa-middle-east", "south-america",
	"japan", "australia-nz", "asia-pacific", "india",
}

// CloudFrontGBKey returns the key of a CloudFront tier's GB price in a viewer
// geography, e.g. "cloudfront/japan/first-10tb/gb".
func CloudFrontGBKey(geography, tier string) string {
	return "cloudfront/" + geography + "/" + tier + "/gb"
}

// CloudFrontRequestKey returns the key of one CloudFront request's price in
// a viewer geography, e.g. "cloudfront/india/https/request".
func CloudFrontRequestKey(geography string, https bool) string {
	if https {
		return "cloudfront/" + geography + "/https/request"
	}
	return "cloudfront/" + geography + "/http/request"
}

// Global is the pseudo-region of prices that do not depend on the stack's
// region (CloudFront).
const Global = "global"

// EC2Key returns the key of an EC2 instance type's hourly price.
func EC2Key(instanceType string) string { return "ec2/" + instanceType }

// RDSKey returns the key of an RDS instance class's hourly price, e.g.
// RDSKey("postgres", "db.r5.large", true) = "rds/postgres/db.r5.large/multi-az".
func RDSKey(engine, class string, multiAZ bool) string {
	return "rds/" + engine + "/" + class + "/" + deployment(multiAZ)
}

// RDSStorageKey returns the key of RDS storage's GB-month price, e.g.
// RDSStorageKey("gp3", false) = "rds-storage/gp3/single-az".
func RDSStorageKey(volumeType string, multiAZ bool) string {
	return "rds-storage/" + volumeType + "/" + deployment(multiAZ)
}

// ElastiCacheKey returns the key of an ElastiCache node type's hourly price,
// e.g. ElastiCacheKey("redis", "cache.t3.medium").
func ElastiCacheKey(engine, nodeType string) string {
	return "elasticache/" + engine + "/" + nodeType
}

func deployment(multiAZ bool) string {
	if multiAZ {
		return "multi-az"
	}
	return "single-az"
}

var (
	nameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
	// Instance types and classes: a family, a dot, a size, maybe more dotted parts.
	ec2TypeRE   = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$`)
	dbClassRE   = regexp.MustCompile(`^db(\.[a-z0-9][a-z0-9-]*){2,}$`)
	cacheTypeRE = regexp.MustCompile(`^cache(\.[a-z0-9][a-z0-9-]*){2,}$`)
	regionRE    = regexp.MustCompile(`^[a-z]{2}(-[a-z0-9]+)+-[0-9]+$`)
)

// A keyShape describes the keys of one service: the segments after the
// service name, each either a pattern or a fixed set of words.
type keyShape struct {
	segs []segment
	unit string // "": the unit is named by the last segment (see units)
}

type segment struct {
	what  string         // for messages: "instance type", "engine" …
	re    *regexp.Regexp // or
	words []string
}

// units maps a key's last segment to the unit its price is per.
var units = map[string]string{
	"hour": "hour", "lcu-hour": "LCU-hour", "nlcu-hour": "NLCU-hour", "gb": "GB",
	"gb-month": "GB-month", "iops-month": "IOPS-month", "mbps-month": "MBps-month",
	"million-requests": "million request", "request": "request",
}

var (
	azSeg = segment{what: "deployment", words: []string{"single-az", "multi-az"}}
	fixed = func(words ...string) keyShape { return keyShape{segs: []segment{{what: "item", words: words}}} }
)

var shapes = map[string]keyShape{
	"ec2":         {segs: []segment{{what: "instance type", re: ec2TypeRE}}, unit: "hour"},
	"rds":         {segs: []segment{{what: "engine", re: nameRE}, {what: "DB instance class", re: dbClassRE}, azSeg}, unit: "hour"},
	"rds-storage": {segs: []segment{{what: "volume type", re: nameRE}, azSeg}, unit: "GB-month"},
	"elasticache": {segs: []segment{{what: "engine", re: nameRE}, {what: "node type", re: cacheTypeRE}}, unit: "hour"},
	"ebs": {segs: []segment{{what: "volume type", re: nameRE},
		{what: "unit", words: []string{"gb-month", "iops-month", "mbps-month"}}}},
	"s3":     {segs: []segment{{what: "storage class", re: nameRE}, {what: "unit", words: []string{"gb-month"}}}},
	"alb":    fixed("hour", "lcu-hour"),
	"nlb":    fixed("hour", "nlcu-hour"),
	"nat":    fixed("hour", "gb"),
	"egress": {segs: []segment{{what: "tier", words: tierNames(EgressTiers)}, {what: "unit", words: []string{"gb"}}}},
	"cloudfront": {segs: []segment{{what: "viewer geography", words: CloudFrontGeographies},
		{what: "item", words: append(tierNames(CloudFrontTiers), "https", "http")},
		{what: "unit", words: []string{"gb", "request"}}}},
	"public-ipv4": fixed("hour"),
	"inter-az":    fixed("gb"),
	"aurora": {segs: []segment{{what: "item", words: []string{"storage", "io"}},
		{what: "unit", words: []string{"gb-month", "million-requests"}}}},
	"sqs": fixed("million-requests"),
}

func tierNames(tiers []Tier) []string {
	var names []string
	for _, t := range tiers {
		names = append(names, t.Name)
	}
	return names
}

// globalServices are priced in region Global only.
var globalServices = []string{"cloudfront"}

func isGlobalKey(key string) bool {
	service, _, _ := strings.Cut(key, "/")
	return slices.Contains(globalServices, service)
}

// CheckKey reports whether key has one of the shapes listed in the package
// documentation. It checks the shape only: "ec2/m9.large" passes; whether
// the type exists is for the caller to decide (Parse checks user price files
// against the snapshot's names).
func CheckKey(key string) error {
	parts := strings.Split(key, "/")
	shape, ok := shapes[parts[0]]
	if !ok {
		msg := fmt.Sprintf("unknown service %q in key %q", parts[0], key)
		if s := Suggest(serviceNames(), parts[0], 1); len(s) > 0 {
			msg += fmt.Sprintf(" (did you mean %s?)", s[0])
		}
		return fmt.Errorf("%s; known services: %s", msg, strings.Join(serviceNames(), ", "))
	}
	rest := parts[1:]
	if len(rest) != len(shape.segs) {
		return fmt.Errorf("key %q: want %s", key, shape.describe(parts[0]))
	}
	for i, seg := range shape.segs {
		v := rest[i]
		if seg.re != nil && !seg.re.MatchString(v) {
			return fmt.Errorf("key %q: %q is not a valid %s; want %s", key, v, seg.what, shape.describe(parts[0]))
		}
		if seg.words != nil && !slices.Contains(seg.words, v) {
			msg := fmt.Sprintf("key %q: unknown %s %q", key, seg.what, v)
			if s := Suggest(seg.words, v, 1); len(s) > 0 {
				msg += fmt.Sprintf(" (did you mean %s?)", s[0])
			}
			return fmt.Errorf("%s; want %s", msg, shape.describe(parts[0]))
		}
	}
	return nil
}

// describe renders a shape for error messages, e.g. "rds/<engine>/<DB
// instance class>/<single-az|multi-az>".
func (s keyShape) describe(service string) string {
	var b strings.Builder
	b.WriteString(service)
	for _, seg := range s.segs {
		b.WriteString("/")
		if seg.words != nil {
			b.WriteString(strings.Join(seg.words, "|"))
		} else {
			b.WriteString("<" + seg.what + ">")
		}
	}
	return b.String()
}

func serviceNames() []string { return keysOf(shapes) }

// Unit returns the unit a key's price is per: "hour", "LCU-hour",
// "NLCU-hour", "GB", "GB-month", "IOPS-month" or "MBps-month". It returns ""
// for a key CheckKey rejects.
func Unit(key string) string {
	if CheckKey(key) != nil {
		return ""
	}
	return unitOf(key)
}

// unitOf is Unit for a key known to be valid.
func unitOf(key string) string {
	service, _, _ := strings.Cut(key, "/")
	if u := shapes[service].unit; u != "" {
		return u
	}
	return units[key[strings.LastIndex(key, "/")+1:]]
}

// checkRegion validates a region name's shape.
func checkRegion(region string) error {
	if region == Global || regionRE.MatchString(region) {
		return nil
	}
	return fmt.Errorf("%q is not a region name like us-east-1 (or %q)", region, Global)
}

// CloudFrontGeographyOf returns the CloudFront viewer geography a region's
// own country falls in (AWS's CloudFront pricing page groups: Korea is in
// "asia-pacific"), the default place of a stack's viewers. ok is false for
// a region it does not know.
func CloudFrontGeographyOf(region string) (geography string, ok bool) {
	switch {
	case strings.HasPrefix(region, "us-"), strings.HasPrefix(region, "ca-"), strings.HasPrefix(region, "mx-"):
		return "us-mexico-canada", true
	case strings.HasPrefix(region, "eu-"), strings.HasPrefix(region, "il-"):
		return "europe-israel-turkiye", true
	case strings.HasPrefix(region, "me-"), strings.HasPrefix(region, "af-"):
		return "africa-middle-east", true
	case strings.HasPrefix(region, "sa-"):
		return "south-america", true
	case region == "ap-northeast-1", region == "ap-northeast-3":
		return "japan", true
	case region == "ap-southeast-2", region == "ap-southeast-4", region == "ap-southeast-6":
		return "australia-nz", true
	case region == "ap-south-1", region == "ap-south-2":
		return "india", true
	case strings.HasPrefix(region, "ap-"):
		return "asia-pacific", true
	}
	return "", false
}
