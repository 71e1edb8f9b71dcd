package convert

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"strconv"

	"github.com/infralint/infralint/catalog/internal/format"
)

// rdsStorageFile is AWS's RDS storage price feed as aws-price-watcher saved
// it (catalog/source/PROVENANCE.md).
const rdsStorageFile = "aws-price-watcher-rds-storage-2025-06-17.json.gz"

// auroraStorageName is the feed's key of Aurora (standard) cluster storage.
// The feed has no key naming Aurora I/O ("System Operation" names no
// engine), so Aurora's I/O price is left out and reported missing.
const auroraStorageName = "Database Storage Single AZ General Purpose-Aurora"

// feedRegions maps the feed's location names to region codes: the regions
// of the regional price list.
var feedRegions = map[string]string{
	"US East (N. Virginia)":     "us-east-1",
	"US East (Ohio)":            "us-east-2",
	"US West (Oregon)":          "us-west-2",
	"Canada (Central)":          "ca-central-1",
	"South America (Sao Paulo)": "sa-east-1",
	"EU (Ireland)":              "eu-west-1",
	"EU (London)":               "eu-west-2",
	"EU (Frankfurt)":            "eu-central-1",
	"Asia Pacific (Tokyo)":      "ap-northeast-1",
	"Asia Pacific (Seoul)":      "ap-northeast-2",
	"Asia Pacific (Singapore)":  "ap-southeast-1",
	"Asia Pacific (Sydney)":     "ap-southeast-2",
	"Asia Pacific (Mumbai)":     "ap-south-1",
}

// auroraStorage reads Aurora's storage price per GB-month in each region of
// feedRegions.
func auroraStorage(src fs.FS) (format.Table, error) {
	t := format.Table{Key: "aurora/*", Source: "qpw-rds"}
	b, err := fs.ReadFile(src, rdsStorageFile)
	if err != nil {
		return t, err
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return t, fmt.Errorf("%s: %w", rdsStorageFile, err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return t, fmt.Errorf("%s: %w", rdsStorageFile, err)
	}
	var feed struct {
		Regions map[string]map[string]struct {
			Price string `json:"price"`
		} `json:"regions"`
	}
	if err := json.Unmarshal(raw, &feed); err != nil {
		return t, fmt.Errorf("%s: %w", rdsStorageFile, err)
	}
	for name, region := range feedRegions {
		e, ok := feed.Regions[name][auroraStorageName]
		if !ok {
			return t, fmt.Errorf("%s: no %q in %s", rdsStorageFile, auroraStorageName, name)
		}
		usd, err := strconv.ParseFloat(e.Price, 64)
		if err != nil || usd <= 0 {
			return t, fmt.Errorf("%s: %s: bad price %q", rdsStorageFile, name, e.Price)
		}
		put(&t, region, "storage/gb-month", usd)
	}
	return t, nil
}
