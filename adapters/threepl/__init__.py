"""Third-party overseas warehouses (三方海外仓) over their providers' open APIs.

``goodcang``: Goodcang (谷仓) OMS "RESTFUL V1". The application's 3PL port maps these clients'
own values; nothing here imports the application layer.
"""
