package convert

import (
	"fmt"
	"io/fs"
	"strconv"
	"strings"

	"github.com/infralint/infralint/catalog/internal/format"
)

// regionalFile is the reference set's one-row-per-number price list for the
// 12 main regions and us-east-1 (catalog/source/PROVENANCE.md).
const regionalFile = "regional-prices-2026-12-02.tsv"

// regionalKeys maps the file's item keys to catalog keys. Rows whose key is
// absent here are not used (idle IPv4, RDS gp3 IOPS: nothing prices them).
var regionalKeys = map[string]string{
	"alb_hour":                   "alb/hour",
	"alb_lcu_hour":               "alb/lcu-hour",
	"nlb_hour":                   "nlb/hour",
	"nlb_nlcu_hour":              "nlb/nlcu-hour",
	"nat_hour":                   "nat/hour",
	"nat_gb":                     "nat/gb",
	"ebs_gp3_gb_month":           "ebs/gp3/gb-month",
	"ebs_gp2_gb_month":           "ebs/gp2/gb-month",
	"ebs_gp3_iops_month":         "ebs/gp3/iops-month",
	"rds_gp2_single_az_gb_month": "rds-storage/gp2/single-az",
	"rds_gp2_multi_az_gb_month":  "rds-storage/gp2/multi-az",
	"rds_gp3_single_az_gb_month": "rds-storage/gp3/single-az",
	"rds_gp3_multi_az_gb_month":  "rds-storage/gp3/multi-az",
	"dto_internet_first_10tb_gb": "egress/first-10tb/gb",
	"dto_internet_next_40tb_gb":  "egress/next-40tb/gb",
	"dto_internet_next_100tb_gb": "egress/next-100tb/gb",
	"dto_internet_over_150tb_gb": "egress/over-150tb/gb",
	"ipv4_inuse_hour":            "public-ipv4/hour",
	"inter_az_gb_each_direction": "inter-az/gb",
	"cf_https_request":           "https/request",
	"cf_http_request":            "http/request",
}

// ebsThroughputKey is the one derived price: the feed quotes gp3 throughput
// per GiBps-month and AWS's page per MiB/s-month, 1/1024 of it.
const ebsThroughputKey = "ebs_gp3_throughput_gibps_month"

// cfGeographies maps the file's CloudFront data-transfer columns ("cf:…",
// the AWS page's geography groups) and request geographies ("cf-feed:…", the
// feed's names) to the catalog's geography segment. Canada bills as the
// United States, South Africa and the Middle East as one group: the file has
// equal prices for each pair, which regionalTables checks.
var cfGeographies = map[string]string{
	"cf:us_mexico_canada":                         "us-mexico-canada",
	"cf:europe_israel_turkiye":                    "europe-israel-turkiye",
	"cf:southafrica_kenya_nigeria_middleeast":     "africa-middle-east",
	"cf:south_america":                            "south-america",
	"cf:japan":                                    "japan",
	"cf:australia_newzealand":                     "australia-nz",
	"cf:asia_pacific(HK,ID,PH,SG,KR,TW,TH,MY,VN)": "asia-pacific",
	"cf:india":                                    "india",
	"cf-feed:United States":                       "us-mexico-canada",
	"cf-feed:Canada":                              "us-mexico-canada",
	"cf-feed:EU":                                  "europe-israel-turkiye",
	"cf-feed:South Africa":                        "africa-middle-east",
	"cf-feed:Middle East":                         "africa-middle-east",
	"cf-feed:South America":                       "south-america",
	"cf-feed:Japan":                               "japan",
	"cf-feed:Australia":                           "australia-nz",
	"cf-feed:Asia Pacific":                        "asia-pacific",
	"cf-feed:India":                               "india",
}

// regionalTables reads the regional price list: one table per catalog
// service and source, so that every price keeps its own source and date.
// It returns the (region, instance type) pairs of its EC2 rows, which
// replace coroot's older figures.
func regionalTables(src fs.FS, sources map[string]format.Source) ([]format.Table, map[string]map[string]bool, error) {
	rows, err := readTSV(src, regionalFile, "region", "item_key", "unit", "usd", "source_id", "source_date")
	if err != nil {
		return nil, nil, err
	}
	byPattern := map[string]*format.Table{}
	var order []string
	ec2 := map[string]map[string]bool{}
	for i, r := range rows {
		region, item, id := r[0], r[1], strings.ToLower(r[4])
		at := fmt.Sprintf("%s: row %d (%s %s)", regionalFile, i+1, region, item)
		usd, err := strconv.ParseFloat(r[3], 64)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: bad price %q", at, r[3])
		}
		s, ok := sources[id]
		if !ok {
			return nil, nil, fmt.Errorf("%s: source %q not in %s", at, id, sourcesFile)
		}
		// Every row's own date must be its source's, as the snapshot prints
		// it (the undated CloudFront page's rows name the feed date it has).
		if s.Date == "" || !strings.Contains(r[5], s.Date) {
			return nil, nil, fmt.Errorf("%s: date %q is not source %s's %q", at, r[5], id, s.Date)
		}
		key, keyRegion, ok := regionalKey(region, item, &usd)
		if !ok {
			continue
		}
		if strings.HasPrefix(key, "ec2/") {
			if ec2[keyRegion] == nil {
				ec2[keyRegion] = map[string]bool{}
			}
			ec2[keyRegion][strings.TrimPrefix(key, "ec2/")] = true
		}
		service, rest, _ := strings.Cut(key, "/")
		pattern := service + "/*"
		tk := pattern + " " + id
		t := byPattern[tk]
		if t == nil {
			t = &format.Table{Key: pattern, Source: id}
			byPattern[tk] = t
			order = append(order, tk)
		}
		if prev, dup := t.Regions[keyRegion][rest]; dup {
			if prev != usd {
				return nil, nil, fmt.Errorf("%s: %s is %v here and %v in an earlier row", at, key, usd, prev)
			}
			continue // a second feed geography of the same group (Canada, Middle East)
		}
		put(t, keyRegion, rest, usd)
	}
	tables := make([]format.Table, 0, len(order))
	for _, k := range order {
		tables = append(tables, *byPattern[k])
	}
	return tables, ec2, nil
}

// regionalKey returns the catalog key and region of one row, converting the
// derived throughput price in place; ok is false for a row that is not used.
func regionalKey(region, item string, usd *float64) (key, keyRegion string, ok bool) {
	if geo, isCF := cfGeographies[region]; isCF {
		if k, known := regionalKeys[item]; known {
			return "cloudfront/" + geo + "/" + k, global, true
		}
		// cf_dto_next_40tb_gb → cloudfront/<geo>/next-40tb/gb
		tier, isDTO := strings.CutPrefix(item, "cf_dto_")
		tier, isGB := strings.CutSuffix(tier, "_gb")
		if isDTO && isGB {
			return "cloudfront/" + geo + "/" + strings.ReplaceAll(tier, "_", "-") + "/gb", global, true
		}
		return "", "", false
	}
	if item == ebsThroughputKey {
		*usd /= 1024
		return "ebs/gp3/mbps-month", region, true
	}
	if typ, isEC2 := strings.CutPrefix(item, "ec2_linux_"); isEC2 {
		return "ec2/" + strings.TrimSuffix(typ, "_hour"), region, true
	}
	k, known := regionalKeys[item]
	return k, region, known
}

// global is catalog.Global, the pseudo-region of CloudFront's prices.
const global = "global"
