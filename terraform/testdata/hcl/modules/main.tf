resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

# Refers to aws_vpc.main before module.net is evaluated.
resource "aws_internet_gateway" "gw" {
  vpc_id = aws_vpc.main.id
}

module "net" {
  source = "./modules/net"
  cidrs  = ["10.0.1.0/24", "10.0.2.0/24"]
  vpc    = aws_vpc.main # the whole resource: the module reads what it needs
}

module "app" {
  source    = "./modules/app"
  for_each  = { blue = "m5.large", green = "m5.xlarge" }
  name      = each.key
  type      = each.value
  subnets   = module.net.subnet_ids
  db_engine = "postgres"
}

# Downloaded by terraform init: read from .terraform/modules.
module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.0.0"
  name    = "shop"
}

# Never downloaded: its resources are not read, its outputs unknown.
module "dns" {
  source = "git::https://example.com/dns.git?ref=v1"
  zone   = "example.com"
}

resource "aws_route53_record" "blue" {
  name    = module.dns.fqdn
  records = [module.app["blue"].lb_dns]
  zone_id = module.vpc.vpc_id
}
