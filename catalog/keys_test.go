package catalog

import (
	"slices"
	"strings"
	"testing"
)

func TestCheckKeyAndUnit(t *testing.T) {
	tests := []struct {
		key, unit string
		errHas    string // "" for a valid key
	}{
		{"ec2/m5.large", "hour", ""},
		{"ec2/c7i.metal-48xl", "hour", ""},
		{"rds/postgres/db.r5.large/multi-az", "hour", ""},
		{"rds/mariadb/db.t3.medium/single-az", "hour", ""}, // valid shape, though the snapshot has no mariadb
		{"rds-storage/gp3/single-az", "GB-month", ""},
		{"elasticache/valkey/cache.r6g.large", "hour", ""},
		{"alb/hour", "hour", ""},
		{"alb/lcu-hour", "LCU-hour", ""},
		{"nlb/nlcu-hour", "NLCU-hour", ""},
		{"nat/gb", "GB", ""},
		{"ebs/gp3/iops-month", "IOPS-month", ""},
		{"ebs/gp3/mbps-month", "MBps-month", ""},
		{"s3/standard/gb-month", "GB-month", ""},
		{"egress/first-10tb/gb", "GB", ""},
		{"cloudfront/japan/next-40tb/gb", "GB", ""},
		{"cloudfront/india/https/request", "request", ""},
		{"cloudfront/gb", "", `want cloudfront/us-mexico-canada|`},
		{"inter-az/gb", "GB", ""},
		{"public-ipv4/hour", "hour", ""},
		{"aurora/io/million-requests", "million request", ""},
		{"sqs/million-requests", "million request", ""},

		{"alb/hr", "", `unknown item "hr" (did you mean hour?); want alb/hour|lcu-hour`},
		{"albb/hour", "", `unknown service "albb" in key "albb/hour" (did you mean alb?)`},
		{"ec2", "", `want ec2/<instance type>`},
		{"ec2/M5.large", "", `"M5.large" is not a valid instance type`},
		{"ec2/m5large", "", `"m5large" is not a valid instance type`},
		{"rds/postgres/r5.large/multi-az", "", `"r5.large" is not a valid DB instance class`},
		{"rds/postgres/db.r5.large/multiaz", "", `unknown deployment "multiaz" (did you mean multi-az?)`},
		{"rds/postgres/db.r5.large", "", `want rds/<engine>/<DB instance class>/single-az|multi-az`},
		{"elasticache/redis/t3.medium", "", `"t3.medium" is not a valid node type`},
		{"", "", `unknown service ""`},
	}
	for _, tt := range tests {
		err := CheckKey(tt.key)
		switch {
		case tt.errHas == "" && err != nil:
			t.Errorf("CheckKey(%q) = %v", tt.key, err)
		case tt.errHas != "" && (err == nil || !strings.Contains(err.Error(), tt.errHas)):
			t.Errorf("CheckKey(%q) = %v, want an error containing %q", tt.key, err, tt.errHas)
		}
		if got := Unit(tt.key); got != tt.unit {
			t.Errorf("Unit(%q) = %q, want %q", tt.key, got, tt.unit)
		}
	}
}

func TestKeyHelpers(t *testing.T) {
	got := []string{
		EC2Key("m5.large"), RDSKey("postgres", "db.r5.large", true), RDSKey("mysql", "db.t3.medium", false),
		RDSStorageKey("gp3", true), ElastiCacheKey("redis", "cache.t3.medium"),
	}
	want := []string{
		"ec2/m5.large", "rds/postgres/db.r5.large/multi-az", "rds/mysql/db.t3.medium/single-az",
		"rds-storage/gp3/multi-az", "elasticache/redis/cache.t3.medium",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
