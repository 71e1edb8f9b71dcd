instance_type = "m5.large"
app_count     = "2"
